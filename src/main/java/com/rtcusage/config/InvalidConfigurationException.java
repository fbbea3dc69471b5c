package com.rtcusage.config;

/** A setting that binds but cannot work; the message starts with the key, as operators search for it. */
public class InvalidConfigurationException extends RuntimeException {

    public InvalidConfigurationException(String key, String problem) {
        super(key + " " + problem);
    }
}
