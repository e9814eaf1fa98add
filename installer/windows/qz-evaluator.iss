; Inno Setup script for the Windows installer of qz-evaluator.
;
;   pyinstaller --noconfirm build.spec
;   iscc /DAppVersion=0.1.0 installer\windows\qz-evaluator.iss
;
; makes dist\qz-evaluator-<version>-setup.exe from dist\qz-evaluator\ (the bundle).
; Per-user install without administrator rights (PrivilegesRequired=lowest): the program
; goes to %LOCALAPPDATA%\Programs\qz-evaluator, its Start menu entries and the .qzw /
; .qzpkg file types to the user's own registry (HKCU). "Install for all users" is
; offered when run as administrator. Uninstalling removes the program only: workspaces,
; exported scorecards, settings and the keys in Windows Credential Manager stay.
; Saved as UTF-8 with a byte-order mark, which Inno Setup needs to read the Chinese.
; Untested until the release workflow runs it on a Windows runner.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "qz-evaluator"
#define AppDisplayName "衢州市政府质量奖评审 (qz-evaluator)"
#define Bundle "..\..\dist\qz-evaluator"

[Setup]
AppId={{7E0C3B52-5D4A-4B7E-9C1E-3F2A6D8B9A41}
AppName={#AppDisplayName}
AppVersion={#AppVersion}
AppVerName={#AppDisplayName} {#AppVersion}
AppPublisher=Quzhou Government Quality Award Committee
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppDisplayName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\..\dist
OutputBaseFilename=qz-evaluator-{#AppVersion}-setup
SetupIconFile=..\..\build\icons\app.ico
UninstallDisplayIcon={app}\qz-evaluator.exe
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ChangesAssociations=yes
CloseApplications=yes

[Languages]
; Simplified Chinese ships with newer Inno Setup 6 releases (earlier, as "Unofficial").
#if FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#elif FileExists(AddBackslash(CompilerPath) + "Languages\Unofficial\ChineseSimplified.isl")
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\Unofficial\ChineseSimplified.isl"
#endif
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; The whole bundle: qz-evaluator.exe (the window), qzeval.exe (the CLI) and _internal\.
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppDisplayName}"; Filename: "{app}\qz-evaluator.exe"
Name: "{group}\{#AppDisplayName} (演示 Demo)"; Filename: "{app}\qz-evaluator.exe"; Parameters: "--demo"
Name: "{group}\{cm:UninstallProgram,{#AppDisplayName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppDisplayName}"; Filename: "{app}\qz-evaluator.exe"; Tasks: desktopicon

[Registry]
; File types, in the installing user's classes (HKA: HKCU per user, HKLM for all users).
Root: HKA; Subkey: "Software\Classes\.qzw"; ValueType: string; ValueName: ""; ValueData: "qz-evaluator.workspace"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.qzw\OpenWithProgids"; ValueType: string; ValueName: "qz-evaluator.workspace"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\qz-evaluator.workspace"; ValueType: string; ValueName: ""; ValueData: "qz-evaluator workspace"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\qz-evaluator.workspace\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\qz-evaluator.exe,0"
Root: HKA; Subkey: "Software\Classes\qz-evaluator.workspace\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\qz-evaluator.exe"" ""%1"""
Root: HKA; Subkey: "Software\Classes\.qzpkg"; ValueType: string; ValueName: ""; ValueData: "qz-evaluator.package"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.qzpkg\OpenWithProgids"; ValueType: string; ValueName: "qz-evaluator.package"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\qz-evaluator.package"; ValueType: string; ValueName: ""; ValueData: "qz-evaluator assignment package"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\qz-evaluator.package\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\qz-evaluator.exe,0"
Root: HKA; Subkey: "Software\Classes\qz-evaluator.package\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\qz-evaluator.exe"" ""%1"""

[Run]
Filename: "{app}\qz-evaluator.exe"; Description: "{cm:LaunchProgram,{#AppDisplayName}}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete]: uninstalling removes exactly what was installed. The user's data
; (%APPDATA%\qz-evaluator: the demo, the log; settings in HKCU\Software\qz-evaluator;
; workspaces wherever they were saved; keys in Credential Manager) stays.
