; Inno Setup 6 script: the per-user Windows installer of 预决算公开编制.
;
;   python build_scripts\build_bundle.py       the one-folder bundle dist\disclosure-app\
;   python build_scripts\build_installer.py    this installer, dist\disclosure-app-<version>-setup.exe
;
; build_installer.py passes the version read from pyproject.toml:
;   iscc /DAppVersion=0.1.0 /DAppVersionNumeric=0.1.0.0 build_scripts\installer.iss
;
; - Installs for the current user without administrator rights, into
;   %LOCALAPPDATA%\Programs\DisclosureApp ({autopf} when PrivilegesRequired=lowest).
;   IT staff may install for all users with /ALLUSERS on the command line.
; - Start-menu shortcut, optional desktop shortcut, .dapj opens with the program ("%1").
; - The uninstaller removes only what this installer put in the program folder and the
;   registry: project files (.dapj) saved anywhere by the user are never touched.
; - This file is UTF-8 with a byte order mark: Inno Setup reads a file without one as ANSI.

#ifndef AppVersion
  #error 缺少版本号：请用 build_scripts\build_installer.py 构建，或传入 /DAppVersion=x.y.z
#endif
#ifndef AppVersionNumeric
  #define AppVersionNumeric AppVersion
#endif
#define AppName "预决算公开编制"
#define AppExe "disclosure-app.exe"
#define ProgId "DisclosureApp.Project"
#define LanguagesDir AddBackslash(CompilerPath) + "Languages\"

[Setup]
AppId={{6F1B2C4E-3A7D-4E59-9C21-5B8D0F4A7E13}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=预决算公开编制项目
VersionInfoVersion={#AppVersionNumeric}
VersionInfoProductName={#AppName}
VersionInfoDescription={#AppName} 安装程序
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=commandline
DefaultDirName={autopf}\DisclosureApp
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
ChangesAssociations=yes
; Paths below are relative to the repository root.
SourceDir=..
OutputDir=dist
OutputBaseFilename=disclosure-app-{#AppVersion}-setup
SetupIconFile=resources\icons\app.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=no

[Languages]
; ChineseSimplified.isl is official from Inno Setup 6.5 on, unofficial (and not always installed)
; before; build_installer.py fetches it into build\ when the compiler has neither.
#if FileExists(LanguagesDir + "ChineseSimplified.isl")
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#elif FileExists(LanguagesDir + "Unofficial\ChineseSimplified.isl")
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\Unofficial\ChineseSimplified.isl"
#else
Name: "chinesesimplified"; MessagesFile: "build\ChineseSimplified.isl"
#endif

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "dist\disclosure-app\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; HKA is HKEY_CURRENT_USER for a per-user install (HKEY_LOCAL_MACHINE with /ALLUSERS).
Root: HKA; Subkey: "Software\Classes\.dapj"; ValueType: string; ValueName: ""; ValueData: "{#ProgId}"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.dapj\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "{#AppName}项目"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
