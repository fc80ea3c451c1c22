package io.stereospot.media.architecture;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import java.util.ArrayList;
import java.util.List;

/**
 * A module's top-level packages in the order its data flows through them, then its root package, which composes
 * them: each may be used only by those after it, so no arrow runs back up the flow.
 */
public final class DataFlowLayers {

    private DataFlowLayers() {
    }

    /** @param packagesInFlowOrder the packages below {@code root}, first (used by all) to last */
    public static LayeredArchitecture of(String root, String... packagesInFlowOrder) {
        LayeredArchitecture layers = layeredArchitecture().consideringOnlyDependenciesInLayers();
        List<String> names = new ArrayList<>();
        for (String name : packagesInFlowOrder) {
            layers = layers.layer(name).definedBy(root + "." + name + "..");
            names.add(name);
        }
        layers = layers.layer(TopLevelPackages.ROOT_SLICE).definedBy(root);
        names.add(TopLevelPackages.ROOT_SLICE);
        for (int i = 0; i < names.size(); i++) {
            String[] later = names.subList(i + 1, names.size()).toArray(String[]::new);
            layers = later.length == 0 ? layers.whereLayer(names.get(i)).mayNotBeAccessedByAnyLayer()
                    : layers.whereLayer(names.get(i)).mayOnlyBeAccessedByLayers(later);
        }
        return layers;
    }
}
