package io.stereospot.app.layeringcycle.leaf;

import io.stereospot.app.layeringcycle.Root;

/** The other half of the cycle: the subpackage reaches back up to the root. */
public final class Leaf {

    public Root root() {
        return new Root();
    }
}
