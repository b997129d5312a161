<#
.SYNOPSIS
    Register a scheduled task that writes the visitor kiosk's health every 5 minutes
    (write-health.ps1), as the kiosk's account.

.DESCRIPTION
    UNTESTED: no Windows PC was available. Read deploy/windows/README.md first. Run in an
    administrator's PowerShell.

    The task runs as the kiosk's account without storing its password (logon type S4U): it runs
    whether or not the account is signed in, in the background, so no window ever shows over the
    kiosk. Such a task has no network access, which the kiosk never needs.

    The metrics folder must exist and be writable by the kiosk's account; this script makes it
    and grants the account Modify on it.

.EXAMPLE
    .\register-health-task.ps1 -Account kiosk -Folder 'C:\visitor-kiosk'
#>
param(
    [string]$Account = "kiosk",
    [string]$Folder = "C:\visitor-kiosk",
    [string]$File = "C:\Program Files\windows_exporter\textfile_inputs\visitor_kiosk.prom"
)
$ErrorActionPreference = "Stop"

$metrics = Split-Path -Parent $File
New-Item -ItemType Directory -Force -Path $metrics | Out-Null
& icacls $metrics /grant "${Account}:(OI)(CI)M" | Out-Null

$script = Join-Path $Folder "deploy\windows\write-health.ps1"
$kiosk = Join-Path $Folder "kiosk.exe"
$action = New-ScheduledTaskAction -Execute "powershell.exe" -Argument (
    "-NoProfile -NonInteractive -ExecutionPolicy Bypass -File `"$script`" " +
    "-Kiosk `"$kiosk`" -File `"$File`"")
$trigger = New-ScheduledTaskTrigger -Once -At (Get-Date) `
    -RepetitionInterval (New-TimeSpan -Minutes 5)
$principal = New-ScheduledTaskPrincipal -UserId $Account -LogonType S4U -RunLevel Limited
$settings = New-ScheduledTaskSettingsSet -ExecutionTimeLimit (New-TimeSpan -Minutes 2) `
    -MultipleInstances IgnoreNew -StartWhenAvailable
Register-ScheduledTask -TaskName "Visitor kiosk health" -Action $action -Trigger $trigger `
    -Principal $principal -Settings $settings -Force | Out-Null
Write-Host "Registered the task 'Visitor kiosk health': every 5 minutes, $File"
