package io.stereospot.server.testing;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a small ONNX model (a ModelProto, which is protobuf) field by field, for tests and benchmarks that need a
 * real model file ONNX Runtime loads. Field numbers are onnx.proto3's. Dimensions are a {@code Long} for a fixed
 * size or a {@code String} for a named dynamic one.
 */
public final class OnnxGraph {

    private static final int FLOAT = 1;
    private static final int INT64 = 7;

    private final List<ByteString> nodes = new ArrayList<>();
    private final List<ByteString> initializers = new ArrayList<>();
    private final List<ByteString> inputs = new ArrayList<>();
    private final List<ByteString> outputs = new ArrayList<>();
    private int nodeCount;

    /** A graph input of float32 values. */
    public OnnxGraph input(String name, Object... dims) {
        inputs.add(valueInfo(name, dims));
        return this;
    }

    /** A graph output of float32 values. */
    public OnnxGraph output(String name, Object... dims) {
        outputs.add(valueInfo(name, dims));
        return this;
    }

    /** A float32 constant (weights) named {@code name}. */
    public OnnxGraph floats(String name, float[] values, long... dims) {
        ByteBuffer raw = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(values);
        initializers.add(tensor(name, FLOAT, ByteString.copyFrom(raw.array()), dims));
        return this;
    }

    /** An int64 constant, e.g. a shape for Reshape. */
    public OnnxGraph int64s(String name, long... values) {
        ByteBuffer raw = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        raw.asLongBuffer().put(values);
        initializers.add(tensor(name, INT64, ByteString.copyFrom(raw.array()), values.length));
        return this;
    }

    /** One operator; {@code attributes} from {@link #ints}, {@link #integer}, {@link #real} and {@link #text}. */
    public OnnxGraph node(String opType, List<String> in, List<String> out, ByteString... attributes) {
        nodes.add(message(o -> {
            for (String name : in) {
                o.writeString(1, name);
            }
            for (String name : out) {
                o.writeString(2, name);
            }
            o.writeString(3, opType + "_" + nodeCount++);
            o.writeString(4, opType);
            for (ByteString attribute : attributes) {
                o.writeBytes(5, attribute);
            }
        }));
        return this;
    }

    public static ByteString ints(String name, long... values) {
        return message(o -> {
            o.writeString(1, name);
            for (long value : values) {
                o.writeInt64(8, value);
            }
            o.writeInt32(20, 7);
        });
    }

    public static ByteString integer(String name, long value) {
        return message(o -> {
            o.writeString(1, name);
            o.writeInt64(3, value);
            o.writeInt32(20, 2);
        });
    }

    public static ByteString real(String name, float value) {
        return message(o -> {
            o.writeString(1, name);
            o.writeFloat(2, value);
            o.writeInt32(20, 1);
        });
    }

    public static ByteString text(String name, String value) {
        return message(o -> {
            o.writeString(1, name);
            o.writeBytes(4, ByteString.copyFromUtf8(value));
            o.writeInt32(20, 3);
        });
    }

    /** The ModelProto's bytes, at IR version 8 and the default domain's {@code opset}. */
    public byte[] toBytes(int opset) {
        ByteString graph = message(o -> {
            for (ByteString node : nodes) {
                o.writeBytes(1, node);
            }
            o.writeString(2, "stereospot-test");
            for (ByteString initializer : initializers) {
                o.writeBytes(5, initializer);
            }
            for (ByteString input : inputs) {
                o.writeBytes(11, input);
            }
            for (ByteString output : outputs) {
                o.writeBytes(12, output);
            }
        });
        return message(o -> {
            o.writeInt64(1, 8);
            o.writeString(2, "stereospot-tests");
            o.writeBytes(7, graph);
            o.writeBytes(8, message(opsetId -> {
                opsetId.writeString(1, "");
                opsetId.writeInt64(2, opset);
            }));
        }).toByteArray();
    }

    public Path write(Path file, int opset) {
        try {
            return Files.write(file, toBytes(opset));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ByteString valueInfo(String name, Object... dims) {
        ByteString shape = message(o -> {
            for (Object dim : dims) {
                o.writeBytes(1, message(d -> {
                    if (dim instanceof String param) {
                        d.writeString(2, param);
                    } else {
                        d.writeInt64(1, ((Number) dim).longValue());
                    }
                }));
            }
        });
        ByteString tensorType = message(o -> {
            o.writeInt32(1, FLOAT);
            o.writeBytes(2, shape);
        });
        return message(o -> {
            o.writeString(1, name);
            o.writeBytes(2, message(type -> type.writeBytes(1, tensorType)));
        });
    }

    private static ByteString tensor(String name, int dataType, ByteString raw, long... dims) {
        return message(o -> {
            for (long dim : dims) {
                o.writeInt64(1, dim);
            }
            o.writeInt32(2, dataType);
            o.writeString(8, name);
            o.writeBytes(9, raw);
        });
    }

    private interface Fields {
        void write(CodedOutputStream out) throws IOException;
    }

    private static ByteString message(Fields fields) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            fields.write(out);
            out.flush();
            return ByteString.copyFrom(bytes.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
