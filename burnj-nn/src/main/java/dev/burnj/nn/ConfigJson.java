package dev.burnj.nn;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The one Jackson mapper behind {@link Config}; kept out of the interface so that it is not public API. */
final class ConfigJson {
    // ObjectMapper is thread-safe once configured, so one instance serves every config.
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ConfigJson() {}

    static String write(Config config) {
        try {
            return MAPPER.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + config.getClass().getSimpleName() + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    static <C extends Config> C read(String json, Class<C> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot read " + type.getSimpleName() + " from JSON: " + e.getOriginalMessage(), e);
        }
    }
}
