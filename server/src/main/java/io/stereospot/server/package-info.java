/** The stream server: session API, temporary credentials, playlist, local object store, converter worker. */
package io.stereospot.server;
