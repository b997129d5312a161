<#
.SYNOPSIS
    Place a settings file or a content pack in the kiosk's incoming folder, checked first and
    never seen half-written.

.DESCRIPTION
    UNTESTED: no Windows PC was available. Read deploy/windows/README.md ("Settings and content
    from a deployment tool") first. For Intune or Group Policy scripts, run as an administrator
    or as the kiosk's account.

    The file is checked with the installed kiosk (`kiosk.exe check --pack` or
    `--settings-file`); a file that fails is not placed, and the script exits 1 with the reason.
    A good one is copied into the incoming folder under a temporary name (.NAME.tmp, which the
    kiosk ignores) and renamed into place. The running kiosk takes it and uses it from its next
    Welcome; a kiosk that is not running takes it at its next start.

.EXAMPLE
    .\send-to-kiosk.ps1 -Settings '\\server\kiosks\centinela\settings.toml' -Account kiosk
.EXAMPLE
    .\send-to-kiosk.ps1 -Pack '\\server\kiosks\pack.toml' -Account kiosk
#>
param(
    [string]$Settings,
    [string]$Pack,
    [string]$Account = "kiosk",
    [string]$Kiosk = "C:\visitor-kiosk\kiosk.exe"
)
$ErrorActionPreference = "Stop"
if ([bool]$Settings -eq [bool]$Pack) { throw "Give -Settings FILE or -Pack FILE (one of them)." }
if ($Settings) { $source = $Settings; $name = "settings.toml"; $option = "--settings-file" }
else { $source = $Pack; $name = "pack.toml"; $option = "--pack" }

& $Kiosk check $option $source
if ($LASTEXITCODE -ne 0) { Write-Error "Not placed: $source did not pass the check above."; exit 1 }

$incoming = "C:\Users\$Account\AppData\Local\visitor-kiosk\incoming"
New-Item -ItemType Directory -Force -Path $incoming | Out-Null
$temp = Join-Path $incoming ".$name.tmp"
Copy-Item -LiteralPath $source -Destination $temp -Force
Move-Item -LiteralPath $temp -Destination (Join-Path $incoming $name) -Force
Write-Host "Placed $source in $incoming as $name"
