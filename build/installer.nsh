; Included by electron-builder's NSIS installer (electron-builder.yml, nsis.include).
; The PBX sends RecordCompleted to the app's listener; Windows Defender Firewall blocks it until an inbound rule
; allows the app. Only a per-machine install runs elevated, so only it adds the rule (and its uninstaller removes
; it); a per-user install cannot, and the app then tells the receptionist what to ask IT for.
; The commands are the ones in main/recorder/firewall-rule.ts (npm run pack:check compares them).

!macro customInstall
  ${if} $installMode == "all"
    ; An update reinstalls: remove the old rule first, so there is only ever one.
    nsExec::ExecToLog 'netsh advfirewall firewall delete rule name="Ozeki Recorder" dir=in program="$INSTDIR\${APP_EXECUTABLE_FILENAME}"'
    Pop $0
    nsExec::ExecToLog 'netsh advfirewall firewall add rule name="Ozeki Recorder" dir=in action=allow program="$INSTDIR\${APP_EXECUTABLE_FILENAME}" protocol=TCP profile=domain,private enable=yes'
    Pop $0
  ${endif}
!macroend

!macro customUnInstall
  ${if} $installMode == "all"
    nsExec::ExecToLog 'netsh advfirewall firewall delete rule name="Ozeki Recorder" dir=in program="$INSTDIR\${APP_EXECUTABLE_FILENAME}"'
    Pop $0
  ${endif}
!macroend
