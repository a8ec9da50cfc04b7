; Inno Setup script for the Windows installer (not built by CI; needs Windows and Inno Setup 6).
; First build the bundle:   .venv\Scripts\pyinstaller build.spec --noconfirm
; then:                     iscc /DAppVersion=0.1.0 packaging\ecmanual.iss
; Output: dist\ecmanual-setup-<version>.exe, a per-user install (no administrator rights needed).

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define BundleDir "..\dist\ecmanual-" + AppVersion

[Setup]
AppId={{6A0F3C52-0E7B-4C55-9A5E-3C1D2E8B7A41}
AppName=ecmanual
AppVersion={#AppVersion}
AppPublisher=ecmanual
DefaultDirName={localappdata}\Programs\ecmanual
DefaultGroupName=ecmanual
PrivilegesRequired=lowest
OutputDir=..\dist
OutputBaseFilename=ecmanual-setup-{#AppVersion}
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ArchitecturesInstallIn64BitMode=x64compatible
UninstallDisplayIcon={app}\ecmanual.exe

[Languages]
Name: "japanese"; MessagesFile: "compiler:Languages\Japanese.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Files]
; The whole one-folder bundle; the user's data stays in %LOCALAPPDATA%\ecmanual (not removed on uninstall).
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\ecmanual"; Filename: "{app}\ecmanual.exe"
Name: "{userdesktop}\ecmanual"; Filename: "{app}\ecmanual.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Run]
Filename: "{app}\ecmanual.exe"; Description: "{cm:LaunchProgram,ecmanual}"; Flags: nowait postinstall skipifsilent
