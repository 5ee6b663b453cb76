; electron-builder NSIS include (picked up as <buildResources>/installer.nsh).
;
; Undoes what the app's Windows integration (src-main/app/windows-integration/) may have set:
; - "Replace Task Manager": the Debugger value of the taskmgr.exe Image File Execution Options key,
;   removed only when it points into this install folder (another tool's value, e.g. Process
;   Explorer's, is left alone). It goes first: once our files are gone, Windows would start a
;   missing Debugger and Task Manager would not open at all.
; - "Always start elevated" / "Start at login": every user's scheduled task in the Task Scheduler
;   folder \org.taskmgr.app\ (the appId; scheduled-task.ts TASK_FOLDER), then the folder.
; Nothing is removed during an update (the old version's uninstaller runs with --updated): the
; user's choices stay. The uninstaller of a per-machine install runs elevated, as both need.

!include LogicLib.nsh

!define TM_IFEO_KEY "SOFTWARE\Microsoft\Windows NT\CurrentVersion\Image File Execution Options\taskmgr.exe"
!define TM_REPLACED_FLAG " --replaced-taskmgr"
; What our Debugger value ends with since the switch terminator: Windows appends the caller's command
; line after it, and Chromium reads nothing after "--" as a switch.
!define TM_DEBUGGER_SUFFIX " --replaced-taskmgr --"
!define TM_TASK_FOLDER "org.taskmgr.app"

!macro customInstall
  ; An update into another folder: the old uninstaller (run with --updated) kept our Debugger value,
  ; which now names an exe that is gone. Point it at this install (only a value ending with our
  ; suffix, or with our flag alone as versions before the terminator wrote it).
  Push $0
  Push $1
  Push $2
  SetRegView 64
  ClearErrors
  ReadRegStr $0 HKLM "${TM_IFEO_KEY}" "Debugger"
  ${IfNot} ${Errors}
    StrCpy $1 $0 "" -22
    StrCpy $2 $0 "" -19
    ${If} $1 == "${TM_DEBUGGER_SUFFIX}"
    ${OrIf} $2 == "${TM_REPLACED_FLAG}"
      ; Only an install under Program Files (administrators-only as Windows makes it) keeps the value;
      ; anywhere else it is removed, and the app offers it again only after checking the folder's ACL.
      StrLen $1 "$PROGRAMFILES64\"
      StrCpy $2 "$INSTDIR\" $1
      ${If} $2 == "$PROGRAMFILES64\"
        WriteRegStr HKLM "${TM_IFEO_KEY}" "Debugger" '"$INSTDIR\${APP_EXECUTABLE_FILENAME}"${TM_DEBUGGER_SUFFIX}'
        DetailPrint "Replace Task Manager: now points to $INSTDIR"
      ${Else}
        DeleteRegValue HKLM "${TM_IFEO_KEY}" "Debugger"
        DetailPrint "Replace Task Manager: turned off (not under Program Files); turn it on again in Task Manager"
      ${EndIf}
    ${EndIf}
  ${EndIf}
  Pop $2
  Pop $1
  Pop $0
!macroend

!macro customUnInstall
  ${IfNot} ${isUpdated}
    Push $0
    Push $1
    Push $2
    ; The 64-bit view: the one Windows reads for the 64-bit taskmgr.exe (electron-builder already
    ; sets it for x64 apps; set here so this never depends on that).
    SetRegView 64
    ClearErrors
    ReadRegStr $0 HKLM "${TM_IFEO_KEY}" "Debugger"
    ${IfNot} ${Errors}
      ; Ours is "<quote>$INSTDIR\<exe><quote> --replaced-taskmgr --": compare its start (== ignores case).
      StrLen $1 '"$INSTDIR\'
      StrCpy $2 $0 $1
      ${If} $2 == '"$INSTDIR\'
        DeleteRegValue HKLM "${TM_IFEO_KEY}" "Debugger"
        DetailPrint "Restored Windows Task Manager"
      ${EndIf}
    ${EndIf}
    ; Quiet and best effort: a missing task or folder is not an error, and nothing here may stop
    ; the uninstall. PowerShell's ScheduledTasks module removes every user's task of the folder,
    ; which schtasks /Delete (one name at a time) can't list.
    nsExec::Exec `"$SYSDIR\WindowsPowerShell\v1.0\powershell.exe" -NoProfile -NonInteractive -Command "$$ErrorActionPreference = 'SilentlyContinue'; Get-ScheduledTask -TaskPath '\${TM_TASK_FOLDER}\' | Unregister-ScheduledTask -Confirm:$$false; $$service = New-Object -ComObject Schedule.Service; $$service.Connect(); $$service.GetFolder('\').DeleteFolder('${TM_TASK_FOLDER}', 0); exit 0"`
    Pop $0
    Pop $2
    Pop $1
    Pop $0
  ${EndIf}
!macroend
