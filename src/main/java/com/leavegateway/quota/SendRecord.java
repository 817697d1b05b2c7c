package com.leavegateway.quota;

/**
 * One send as a window recorded it at grant: what a given-back permit removes.
 *
 * @param id The record's identity in its window.
 * @param storeMicros When the window recorded the send, in microseconds of the window's
 * own clock (the engine's tick for the local window, Redis {@code TIME} for the shared
 * one): comparable between the permits of one window only.
 */
public record SendRecord(String id, long storeMicros) {
}
