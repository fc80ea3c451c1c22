package io.stereospot.server.queue;

/**
 * One delivery of a message from the chunk queue.
 *
 * @param receiveCount how often the message has been delivered, this time included (a killed worker's delivery
 *                     counts too)
 */
public record QueueJob(String messageId, String receiptHandle, String body, int receiveCount) {
}
