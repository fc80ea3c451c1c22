/** The capture engine: sources, FFmpeg encoder, chunk uploader, session client, broadcast. No JavaFX here. */
package io.stereospot.capture;
