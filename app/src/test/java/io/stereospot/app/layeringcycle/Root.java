package io.stereospot.app.layeringcycle;

import io.stereospot.app.layeringcycle.leaf.Leaf;

/** Half of a deliberate cycle between a root package and its subpackage, for LayeringTest to catch. */
public final class Root {

    public Leaf leaf() {
        return new Leaf();
    }
}
