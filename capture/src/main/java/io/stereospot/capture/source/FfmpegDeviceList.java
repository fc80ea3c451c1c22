package io.stereospot.capture.source;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the device list FFmpeg prints for avfoundation ({@code -f avfoundation -list_devices true -i ""}). Pure
 * text parsing, tested with captured output. (Windows lists its sound devices through our helper, not dshow.)
 */
final class FfmpegDeviceList {

    /** {@code [AVFoundation indev @ 0x7f8] [1] Capture screen 0}. */
    private static final Pattern AVF =
            Pattern.compile("^\\[AVFoundation indev @ [^]]+\\]\\s+\\[(\\d+)\\]\\s+(.+?)\\s*$");

    record Device(String id, String name) {
    }

    private FfmpegDeviceList() {
    }

    /** avfoundation devices of one section ("video" or "audio"), id = index. */
    static List<Device> avfoundation(String ffmpegOutput, String section) {
        List<Device> devices = new ArrayList<>();
        String current = "";
        for (String line : ffmpegOutput.split("\\R")) {
            String text = line.strip();
            if (text.contains("AVFoundation video devices")) {
                current = "video";
                continue;
            }
            if (text.contains("AVFoundation audio devices")) {
                current = "audio";
                continue;
            }
            Matcher m = AVF.matcher(text);
            if (m.matches() && current.equals(section)) {
                devices.add(new Device(m.group(1), m.group(2)));
            }
        }
        return devices;
    }
}
