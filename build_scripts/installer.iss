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
; - The Chinese messages file is build_scripts\innosetup\ChineseSimplified.isl, kept in the
;   repository (licence: resources\licenses\InnoSetup-ChineseSimplified.txt): nothing is
;   downloaded at build time, and every Inno Setup 6 compiler gets the same wording.
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
; The release uses the strongest compression; build_installer.py --fast passes lzma2/fast for checks
; (CI), which compiles several times faster into a somewhat larger installer.
#ifndef Compression
  #define Compression "lzma2/max"
#endif
#define AppName "预决算公开编制"
#define AppExe "disclosure-app.exe"
#define ProgId "DisclosureApp.Project"

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
DefaultDirName={code:ProgramsRoot}\DisclosureApp
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
Compression={#Compression}
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=no

[Languages]
; The translators' file for Inno Setup 6.5 (older 6.x compilers ignore the messages they lack),
; from the repository rather than the compiler's Languages folder, which before 6.5 has no Chinese.
Name: "chinesesimplified"; MessagesFile: "build_scripts\innosetup\ChineseSimplified.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "dist\disclosure-app\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; HKA is HKEY_CURRENT_USER for a per-user install (HKEY_LOCAL_MACHINE with /ALLUSERS).  The .dapj
; keys are removed on uninstall once empty: another program's entry under them keeps them.
Root: HKA; Subkey: "Software\Classes\.dapj"; ValueType: string; ValueName: ""; ValueData: "{#ProgId}"; Flags: uninsdeletevalue uninsdeletekeyifempty
Root: HKA; Subkey: "Software\Classes\.dapj\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue uninsdeletekeyifempty
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "{#AppName}项目"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[Code]
// The installation root: {autopf}, i.e. the per-user Programs folder (%LOCALAPPDATA%\Programs,
// Windows' FOLDERID_UserProgramFiles), or Program Files with /ALLUSERS.  Where the system cannot
// name the per-user Programs folder (Wine, which the CI uses to exercise this installer, has no
// FOLDERID_UserProgramFiles), the same folder is built from %LOCALAPPDATA% as Windows defines it.
function ProgramsRoot(Param: String): String;
begin
  try
    Result := ExpandConstant('{autopf}');
  except
    Result := ExpandConstant('{localappdata}\Programs');
    Log('Per-user Programs folder not reported by the system; using ' + Result);
  end;
end;
