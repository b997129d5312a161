<#
.SYNOPSIS
    Make the visitor kiosk the shell of one Windows account, with Shell Launcher v2.

.DESCRIPTION
    UNTESTED: written from Microsoft's Shell Launcher documentation (WESL_UserSetting); no
    Windows PC was available to try it. Read deploy/windows/README.md first.

    After this, signing in to the account starts the kiosk instead of the Windows desktop.
    Shell Launcher starts it again when it ends, except with exit code 64 (staff closed it from
    the admin screen: ADMIN_EXIT_CODE in kiosk/core/exit_codes.py), where it does nothing.
    Every other account keeps the normal desktop.

    Needs Windows 10/11 Enterprise, Education or IoT Enterprise, and an administrator's
    PowerShell (Windows PowerShell 5.1 or PowerShell 7).

.EXAMPLE
    .\setup-shell-launcher.ps1 -Account kiosk -Kiosk 'C:\visitor-kiosk\kiosk-window.exe'
#>
param(
    [string]$Account = "kiosk",
    # kiosk-window.exe: the kiosk without a console window (kiosk.exe keeps one for `kiosk check`).
    [string]$Kiosk = "C:\visitor-kiosk\kiosk-window.exe"
)
$ErrorActionPreference = "Stop"

if (-not (Test-Path -LiteralPath $Kiosk)) {
    throw "No kiosk at $Kiosk. Copy the whole bundle folder there first."
}

$feature = Enable-WindowsOptionalFeature -Online -FeatureName Client-EmbeddedShellLauncher -All -NoRestart
if ($feature.RestartNeeded) {
    Write-Host "Shell Launcher was just turned on. Restart Windows, then run this script again."
    exit 1
}

$sid = (New-Object System.Security.Principal.NTAccount($Account)).Translate(
    [System.Security.Principal.SecurityIdentifier]).Value

$ns = "root\standardcimv2\embedded"
# Shell Launcher's actions: 0 restart the shell, 1 restart the PC, 2 shut down, 3 do nothing.
Invoke-CimMethod -Namespace $ns -ClassName WESL_UserSetting -MethodName SetDefaultShell `
    -Arguments @{ Shell = "explorer.exe"; DefaultAction = [int]0 } | Out-Null
Invoke-CimMethod -Namespace $ns -ClassName WESL_UserSetting -MethodName SetCustomShell -Arguments @{
    Sid                     = $sid
    Shell                   = $Kiosk
    CustomReturnCodes       = [int[]]@(64)
    CustomReturnCodesAction = [int[]]@(3)
    DefaultAction           = [int]0
} | Out-Null
Invoke-CimMethod -Namespace $ns -ClassName WESL_UserSetting -MethodName SetEnabled `
    -Arguments @{ Enabled = $true } | Out-Null

Write-Host "The kiosk is now the shell of $Account ($sid). Sign in as $Account to try it."
