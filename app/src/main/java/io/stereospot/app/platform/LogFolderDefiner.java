package io.stereospot.app.platform;

import ch.qos.logback.core.PropertyDefinerBase;

/** Gives logback.xml the platform's log folder ({@link PlatformDirs#logs()}) before the first line is written. */
public final class LogFolderDefiner extends PropertyDefinerBase {

    @Override
    public String getPropertyValue() {
        return PlatformDirs.forThisUser().logs().toString();
    }
}
