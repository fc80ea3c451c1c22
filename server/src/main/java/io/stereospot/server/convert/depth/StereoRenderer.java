package io.stereospot.server.convert.depth;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Renders a frame and its normalised depth (0 far – 1 near) into a half side-by-side frame, left view left, in iw3's
 * units:
 * <ul>
 *   <li><b>divergence</b>: the total disparity from the farthest (0) to the nearest (1) depth, in % of the width of
 *       one view;</li>
 *   <li><b>convergence</b>: the depth that lands on the screen plane (no disparity). Nearer things come out of the
 *       screen (crossed disparity: further right in the left view), farther ones go behind it.</li>
 * </ul>
 * Only the right view is synthesized; the left view is the source frame itself (iw3's {@code --synthetic-view right}).
 * The right view carries the whole disparity, so what the two eyes see relative to each other is what two views
 * shifted by half of it each would give, at half the render's cost (docs/benchmarks.md, "Depth converter": the render
 * was most of what depth adds to a chunk's conversion, and that time is behind the screen for every viewer).
 * The price: all disocclusions are in the right eye, twice as wide as each eye's would be.
 *
 * <p>The right view is a forward warp done row by row on the yuv420p planes: every source pixel is carried to its
 * shifted place, runs of neighbours between two places are filled by interpolating the source position, and where
 * two source pixels land on one place the nearer wins (a z-test). Where neighbours move apart by more than
 * {@link #GAP_PX} (a disocclusion behind a near edge), nothing is stretched across: the gap takes the shift of its
 * farther side and continues that background's texture, so occlusion edges are not smeared. Y is warped at full
 * resolution and U/V at half resolution with the same source positions (no colour conversion at video size).
 * The left and right borders ramp to zero parallax over {@link #BORDER_RAMP} of the width (iw3's
 * preserve_screen_border), so the frame's edge never sits in front of what it cuts off.
 */
public final class StereoRenderer {

    static final float GAP_PX = 2f;
    static final float BORDER_RAMP = 0.03f;
    /** Rows are rendered in this many bands at once (two cores here; more would only contend with the encoder). */
    private static final int BANDS = 2;
    /**
     * Luma rows (two chroma rows) that share one mapping: the depth map is several times smaller than the picture
     * (160 px for a 640 px view: 4 rows per depth row), so their shifts differ by a small fraction of a pixel, and
     * mapping was about a quarter of the render's time at one mapping for two rows (docs/benchmarks.md).
     */
    static final int STRIP_ROWS = 4;

    private final float divergencePercent;
    private final float convergence;
    private Row[] rows = new Row[0];
    private float[] ramp = new float[0];
    private int[] depthColumn = new int[0];
    private float[] depthColumnWeight = new float[0];
    private int preparedFor = -1;

    public StereoRenderer(double divergencePercent, double convergence) {
        this.divergencePercent = (float) divergencePercent;
        this.convergence = (float) convergence;
    }

    /** Writes the two views of {@code frame} into {@code sbs}, which is twice as wide. */
    public void render(Yuv420Frame frame, DepthMap depth, Yuv420Frame sbs) {
        int w = frame.widthPx();
        int h = frame.heightPx();
        if (sbs.widthPx() != 2 * w || sbs.heightPx() != h) {
            throw new IllegalArgumentException("The side-by-side frame must be " + 2 * w + "x" + h);
        }
        prepare(w, depth.widthPx());
        int strips = (h + STRIP_ROWS - 1) / STRIP_ROWS;
        IntStream.range(0, BANDS).parallel().forEach(band -> {
            Row row = rows[band];
            for (int strip = strips * band / BANDS; strip < strips * (band + 1) / BANDS; strip++) {
                row.renderStrip(frame, depth, sbs, strip);
            }
        });
    }

    private void prepare(int w, int depthWidthPx) {
        if (preparedFor == w && depthColumn.length == w && depthColumnWeight.length == w
                && rows.length == BANDS && rows[0].depthWidthPx == depthWidthPx) {
            return;
        }
        ramp = new float[w];
        float rampPx = Math.max(1f, BORDER_RAMP * w);
        for (int x = 0; x < w; x++) {
            ramp[x] = Math.min(1f, Math.min(x, w - 1 - x) / rampPx);
        }
        depthColumn = new int[w];
        depthColumnWeight = new float[w];
        for (int x = 0; x < w; x++) {
            float fx = Math.max(0f, Math.min(depthWidthPx - 1f, (x + 0.5f) * depthWidthPx / w - 0.5f));
            depthColumn[x] = (int) fx;
            depthColumnWeight[x] = fx - (int) fx;
        }
        rows = new Row[BANDS];
        for (int i = 0; i < BANDS; i++) {
            rows[i] = new Row(w, depthWidthPx);
        }
        preparedFor = w;
    }

    /** The scratch of one band. */
    private final class Row {
        final int depthWidthPx;
        final float[] rowDepth;
        final float[] shift;
        final float[] source;
        final float[] z;

        Row(int w, int depthWidthPx) {
            this.depthWidthPx = depthWidthPx;
            rowDepth = new float[w];
            shift = new float[w];
            source = new float[w];
            z = new float[w];
        }

        /** Rows {@code STRIP_ROWS * strip} on (fewer in a last strip): the source left, the warped view right. */
        void renderStrip(Yuv420Frame frame, DepthMap depth, Yuv420Frame sbs, int strip) {
            int w = frame.widthPx();
            int h = frame.heightPx();
            byte[] in = frame.planes();
            byte[] out = sbs.planes();
            int cw = w / 2;
            int top = strip * STRIP_ROWS;
            int bottom = Math.min(h, top + STRIP_ROWS);
            for (int y = top; y < bottom; y++) {
                System.arraycopy(in, y * w, out, y * 2 * w, w);
            }
            for (int cy = top / 2; cy < bottom / 2; cy++) {
                System.arraycopy(in, frame.uOffset() + cy * cw, out, sbs.uOffset() + cy * w, cw);
                System.arraycopy(in, frame.vOffset() + cy * cw, out, sbs.vOffset() + cy * w, cw);
            }
            // The right view: shifted left by the whole disparity where near (crossed), right where far.
            float disparityPx = -divergencePercent / 100f * w;
            depthRow(depth, (top + bottom) / 2, h, w);
            for (int x = 0; x < w; x++) {
                shift[x] = disparityPx * (rowDepth[x] - convergence) * ramp[x];
            }
            mapRow(w);
            for (int y = top; y < bottom; y++) {
                sampleRow(in, y * w, out, y * 2 * w + w, w, 1);
            }
            for (int cy = top / 2; cy < bottom / 2; cy++) {
                sampleRow(in, frame.uOffset() + cy * cw, out, sbs.uOffset() + cy * w + cw, cw, 2);
                sampleRow(in, frame.vOffset() + cy * cw, out, sbs.vOffset() + cy * w + cw, cw, 2);
            }
        }

        /** The depth along the top edge of row {@code y} (here the middle of a strip), bilinear. */
        private void depthRow(DepthMap depth, int y, int h, int w) {
            int dw = depth.widthPx();
            int dh = depth.heightPx();
            float fy = Math.max(0f, Math.min(dh - 1f, (float) y * dh / h - 0.5f));
            int y0 = (int) fy;
            int y1 = Math.min(dh - 1, y0 + 1);
            float ty = fy - y0;
            float[] v = depth.values();
            int top = y0 * dw;
            int bottom = y1 * dw;
            for (int x = 0; x < w; x++) {
                int x0 = depthColumn[x];
                int x1 = Math.min(dw - 1, x0 + 1);
                float tx = depthColumnWeight[x];
                float a = v[top + x0] + ty * (v[bottom + x0] - v[top + x0]);
                float b = v[top + x1] + ty * (v[bottom + x1] - v[top + x1]);
                rowDepth[x] = a + tx * (b - a);
            }
        }

        /** Fills {@link #source}: for each output pixel, the source position it shows. */
        private void mapRow(int w) {
            Arrays.fill(z, -1f);
            float p1 = shift[0];
            for (int xs = 0; xs + 1 < w; xs++) {
                float p0 = p1;
                p1 = xs + 1 + shift[xs + 1];
                float lo = Math.min(p0, p1);
                float hi = Math.max(p0, p1);
                if (hi - lo > GAP_PX) {
                    continue;
                }
                int start = (int) lo;
                start = start < lo ? start + 1 : start;
                int end = (int) hi;
                end = end > hi ? end - 1 : end;
                start = Math.max(0, start);
                end = Math.min(w - 1, end);
                float step = hi == lo ? 0f : 1f / (p1 - p0);
                float d0 = rowDepth[xs];
                float dd = rowDepth[xs + 1] - d0;
                for (int xd = start; xd <= end; xd++) {
                    float t = (xd - p0) * step;
                    float depth = d0 + t * dd;
                    if (depth > z[xd]) {
                        z[xd] = depth;
                        source[xd] = xs + t;
                    }
                }
            }
            fillHoles(w);
        }

        /** Each unwritten pixel takes the shift of the farther of its two written neighbours. */
        private void fillHoles(int w) {
            int previous = -1;
            for (int x = 0; x < w; x++) {
                if (z[x] >= 0f) {
                    previous = x;
                    continue;
                }
                int next = x + 1;
                while (next < w && z[next] < 0f) {
                    next++;
                }
                for (int hole = x; hole < next; hole++) {
                    int side;
                    if (previous < 0) {
                        side = next < w ? next : -1;
                    } else if (next >= w) {
                        side = previous;
                    } else {
                        side = z[previous] <= z[next] ? previous : next;
                    }
                    source[hole] = side < 0 ? hole : Math.max(0f, Math.min(w - 1f, hole - (side - source[side])));
                }
                x = next - 1;
            }
        }

        /**
         * Linear interpolation along one plane row, in 8-bit fixed point; {@code step} 2 for chroma (half the luma's
         * positions).
         */
        private void sampleRow(byte[] in, int inRow, byte[] out, int outRow, int n, int step) {
            float scale = 256f / step;
            int last = n - 1;
            for (int x = 0; x < n; x++) {
                int s = (int) (source[x * step] * scale);
                int i0 = s >> 8;
                int t = s & 0xff;
                int a = in[inRow + i0] & 0xff;
                int b = in[inRow + (i0 < last ? i0 + 1 : last)] & 0xff;
                out[outRow + x] = (byte) ((a * 256 + t * (b - a) + 128) >> 8);
            }
        }
    }
}
