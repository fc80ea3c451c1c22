package io.stereospot.capture;

/** Why a broadcast ends, and the sentence a person reads about it (null when the reason says it all). */
record Ending(StopReason reason, String sentence) {
}
