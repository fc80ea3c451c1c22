/** What this installation and this computer are: the version, the per-user folders, the log and diagnostics. */
package io.stereospot.app.platform;
