@echo off
rem StereoSpot Stream for Windows.
rem   stereospot.cmd            the desktop window (local mode)
rem   stereospot.cmd --help     every subcommand (sources, stream, server, ...)
rem Needs a Java 17 or newer runtime: JAVA_HOME, or java on the PATH.
setlocal
set "HERE=%~dp0"
set "JAVA=java"
if defined JAVA_HOME if exist "%JAVA_HOME%\bin\java.exe" set "JAVA=%JAVA_HOME%\bin\java.exe"

set "CHECK=%TEMP%\stereospot-java-%RANDOM%.txt"
"%JAVA%" -version > "%CHECK%" 2>&1
if errorlevel 1 goto nojava
set "VERSION="
rem The first line says: openjdk version "17.0.10" 2024-01-16 (or java version "1.8.0_392").
for /f "usebackq tokens=3" %%v in ("%CHECK%") do if not defined VERSION set "VERSION=%%~v"
del "%CHECK%" >nul 2>&1
if not defined VERSION goto nojava
for /f "delims=.-+" %%m in ("%VERSION%") do set "MAJOR=%%m"
if "%MAJOR%"=="1" goto nojava
if %MAJOR% LSS 17 goto nojava

"%JAVA%" %STEREOSPOT_JAVA_OPTS% "-Dstereospot.windowsHelper=%HERE%bin\stereospot-win.exe" -cp "%HERE%lib\*" io.stereospot.app.Main %*
exit /b %ERRORLEVEL%

:nojava
del "%CHECK%" >nul 2>&1
echo StereoSpot needs Java 17 or newer: install it (for example from https://adoptium.net) or set JAVA_HOME to it, then run stereospot.cmd again. 1>&2
exit /b 1
