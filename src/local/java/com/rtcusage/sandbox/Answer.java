package com.rtcusage.sandbox;

/** What the sandbox answers one request: status and body, plus the code and id it records. */
record Answer(int status, byte[] body, String errorCode, String requestId) {
}
