package io.stereospot.capture.source;

import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.User32;
import com.sun.jna.platform.win32.WinDef;
import com.sun.jna.platform.win32.WinUser;
import io.stereospot.media.FfmpegBinaries;
import io.stereospot.media.process.ExternalProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Windows 10+: screens from EnumDisplayMonitors, windows from EnumWindows (visible, titled, not tool windows),
 * microphones from FFmpeg's dshow list; gdigrab captures. Built and its FFmpeg command golden-tested here, not run
 * on Windows by this project's tests. System audio is not offered: FFmpeg has no WASAPI loopback input.
 */
final class WindowsSourceCatalog implements SourceCatalog {

    private static final int MIN_WINDOW_SIDE = 32;
    /** Floating toolbars and palettes: not something a person means to stream. */
    private static final int WS_EX_TOOLWINDOW = 0x00000080;

    private final Map<String, String> environment;

    WindowsSourceCatalog(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public Platform platform() {
        return Platform.WINDOWS;
    }

    @Override
    public List<CaptureSource> videoSources() {
        List<CaptureSource> sources = new ArrayList<>();
        List<WinDef.RECT> monitors = new ArrayList<>();
        User32.INSTANCE.EnumDisplayMonitors(null, null, (monitor, dc, rect, data) -> {
            WinUser.MONITORINFO info = new WinUser.MONITORINFO();
            User32.INSTANCE.GetMonitorInfo(monitor, info);
            monitors.add(info.rcMonitor);
            return 1;
        }, new WinDef.LPARAM(0));
        for (int i = 0; i < monitors.size(); i++) {
            WinDef.RECT r = monitors.get(i);
            sources.add(new CaptureSource.Screen(i, r.left, r.top, r.right - r.left, r.bottom - r.top));
        }
        User32.INSTANCE.EnumWindows((hwnd, data) -> {
            window(hwnd).ifPresent(sources::add);
            return true;
        }, Pointer.NULL);
        return sources;
    }

    private static Optional<CaptureSource.Window> window(WinDef.HWND hwnd) {
        User32 user32 = User32.INSTANCE;
        if (!user32.IsWindowVisible(hwnd)) {
            return Optional.empty();
        }
        int exStyle = user32.GetWindowLong(hwnd, WinUser.GWL_EXSTYLE);
        if ((exStyle & WS_EX_TOOLWINDOW) != 0) {
            return Optional.empty();
        }
        int length = user32.GetWindowTextLength(hwnd);
        if (length == 0) {
            return Optional.empty();
        }
        char[] title = new char[length + 1];
        user32.GetWindowText(hwnd, title, title.length);
        WinDef.RECT rect = new WinDef.RECT();
        user32.GetWindowRect(hwnd, rect);
        int width = rect.right - rect.left;
        int height = rect.bottom - rect.top;
        if (width < MIN_WINDOW_SIDE || height < MIN_WINDOW_SIDE) {
            return Optional.empty();
        }
        long handle = Pointer.nativeValue(hwnd.getPointer());
        return Optional.of(new CaptureSource.Window(handle, new String(title, 0, length), width, height));
    }

    @Override
    public List<AudioSource> audioSources() {
        ExternalProcess.Output list = ExternalProcess.attempt(List.of(FfmpegBinaries.ffmpeg().toString(),
                "-hide_banner", "-list_devices", "true", "-f", "dshow", "-i", "dummy"), environment,
                Duration.ofMillis(10_000));
        return FfmpegDeviceList.dshowAudio(list.stderr()).stream().limit(1)
                .map(d -> AudioSource.microphone("Microphone: " + d.name(), d.id())).toList();
    }

    @Override
    public byte[] thumbnailPng(CaptureSource source, int maxWidth) {
        List<String> input = new ArrayList<>(List.of("-f", "gdigrab", "-draw_mouse", "0"));
        if (source instanceof CaptureSource.Window w) {
            input.addAll(List.of("-i", "hwnd=" + w.hexHandle()));
        } else if (source instanceof CaptureSource.Screen s) {
            input.addAll(List.of("-offset_x", Integer.toString(s.x()), "-offset_y", Integer.toString(s.y()),
                    "-video_size", s.width() + "x" + s.height(), "-i", "desktop"));
        }
        return Thumbnails.grab(source, input, maxWidth, environment, 10_000);
    }

    @Override
    public Optional<String> platformWarning() {
        return Optional.of("Windows support is built but not yet verified on Windows. System audio cannot be"
                + " captured on Windows yet (FFmpeg has no WASAPI loopback input): the stream carries the"
                + " microphone, or silence.");
    }

    @Override
    public boolean isAvailable(CaptureSource source) {
        if (source instanceof CaptureSource.Window w) {
            WinDef.HWND hwnd = new WinDef.HWND(new Pointer(w.handle()));
            return User32.INSTANCE.IsWindow(hwnd) && User32.INSTANCE.IsWindowVisible(hwnd);
        }
        return true;
    }

    @Override
    public Map<String, String> processEnvironment() {
        return environment;
    }
}
