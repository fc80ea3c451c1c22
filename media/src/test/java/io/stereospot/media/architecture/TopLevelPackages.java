package io.stereospot.media.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

/**
 * One slice per package directly under a module's root package, and one for the root package itself.
 * {@code slices().matching("root.(*)..")} would leave the root out, and a cycle through it (a sub-package using the
 * root's types while the root uses the sub-package) would go unseen.
 */
public final class TopLevelPackages implements SliceAssignment {

    /** The name the root package's slice goes by in a failure message. */
    public static final String ROOT_SLICE = "(root)";

    private final String root;

    public TopLevelPackages(String root) {
        this.root = root;
    }

    @Override
    public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
        String name = javaClass.getPackageName();
        if (name.equals(root)) {
            return SliceIdentifier.of(ROOT_SLICE);
        }
        if (!name.startsWith(root + ".")) {
            return SliceIdentifier.ignore();
        }
        String below = name.substring(root.length() + 1);
        int dot = below.indexOf('.');
        return SliceIdentifier.of(dot < 0 ? below : below.substring(0, dot));
    }

    @Override
    public String getDescription() {
        return "the packages of " + root + ", itself included";
    }
}
