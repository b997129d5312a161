<#
.SYNOPSIS
    Write the visitor kiosk's health for windows_exporter's textfile collector: `kiosk.exe check
    --prometheus`, plus whether the kiosk is running.

.DESCRIPTION
    UNTESTED: no Windows PC was available. Read deploy/windows/README.md ("Health for
    monitoring") first. register-health-task.ps1 makes a scheduled task that runs this every
    5 minutes as the kiosk's account (its files are that account's, in %LOCALAPPDATA%).

    The file is written beside its final name and renamed into place, so the collector never
    reads half a file; its folder must exist and be writable by the kiosk's account. The kiosk
    counts as "active" when kiosk-window.exe runs (Shell Launcher's kiosk), else "inactive".
    Exit code: 0 once the file is written (the check's verdict is the metric
    visitor_kiosk_ready), 1 when it could not be written.

.EXAMPLE
    .\write-health.ps1 -Kiosk 'C:\visitor-kiosk\kiosk.exe' -File 'C:\Program Files\windows_exporter\textfile_inputs\visitor_kiosk.prom'
#>
param(
    [string]$Kiosk = "C:\visitor-kiosk\kiosk.exe",
    [string]$File = "C:\Program Files\windows_exporter\textfile_inputs\visitor_kiosk.prom"
)
$state = if (Get-Process -Name "kiosk-window" -ErrorAction SilentlyContinue) { "active" } else { "inactive" }
& $Kiosk check --prometheus $File --service-state $state
exit $LASTEXITCODE
