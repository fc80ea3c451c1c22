package io.stereospot.server.convert.depth;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * YUV4MPEG2, the raw format between the FFmpegs and the renderer: a one-line header that carries the size and the
 * frame rate (so no probe runs before the decoder), then {@code FRAME\n} and the yuv420p planes for each frame.
 */
public final class Y4mStream {

    private static final Pattern WIDTH = Pattern.compile(" W(\\d+)");
    private static final Pattern HEIGHT = Pattern.compile(" H(\\d+)");
    private static final Pattern RATE = Pattern.compile(" F(\\d+:\\d+)");

    /** What the header says. */
    public record Header(int widthPx, int heightPx, String frameRate) {

        public String line() {
            // C420mpeg2: chroma sited left, as x264 and the chunks have it (C420jpeg would tag the segment "center").
            return "YUV4MPEG2 W" + widthPx + " H" + heightPx + " F" + frameRate + " Ip A1:1 C420mpeg2 XYSCSS=420MPEG2\n";
        }
    }

    private Y4mStream() {
    }

    public static Header readHeader(InputStream in) throws IOException {
        String line = readLine(in);
        if (line == null || !line.startsWith("YUV4MPEG2")) {
            throw new IOException("The decoder gave no YUV4MPEG2 header" + (line == null ? "" : ": " + line));
        }
        if (line.contains(" C") && !line.contains(" C420")) {
            throw new IOException("The decoder gave a chroma layout other than 4:2:0: " + line);
        }
        return new Header(number(WIDTH, line), number(HEIGHT, line), match(RATE, line));
    }

    /** Fills {@code frame} with the next frame; false at the end of the stream. */
    public static boolean readFrame(InputStream in, Yuv420Frame frame) throws IOException {
        String marker = readLine(in);
        if (marker == null) {
            return false;
        }
        if (!marker.startsWith("FRAME")) {
            throw new IOException("Expected a FRAME marker, got \"" + marker + "\"");
        }
        if (in.readNBytes(frame.planes(), 0, frame.planes().length) != frame.planes().length) {
            throw new EOFException("The decoder's output ended inside a frame.");
        }
        return true;
    }

    public static void writeHeader(OutputStream out, Header header) throws IOException {
        out.write(header.line().getBytes(StandardCharsets.US_ASCII));
    }

    public static void writeFrame(OutputStream out, Yuv420Frame frame) throws IOException {
        out.write("FRAME\n".getBytes(StandardCharsets.US_ASCII));
        out.write(frame.planes());
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                if (line.length() == 0) {
                    return null;
                }
                throw new EOFException("The decoder's output ended inside a line.");
            }
            if (line.length() > 4096) {
                throw new IOException("A YUV4MPEG2 line longer than 4096 bytes.");
            }
            line.append((char) b);
        }
        return line.toString();
    }

    private static int number(Pattern pattern, String line) throws IOException {
        return Integer.parseInt(match(pattern, line));
    }

    private static String match(Pattern pattern, String line) throws IOException {
        Matcher m = pattern.matcher(line);
        if (!m.find()) {
            throw new IOException("The YUV4MPEG2 header lacks " + pattern.pattern().trim() + ": " + line);
        }
        return m.group(1);
    }
}
