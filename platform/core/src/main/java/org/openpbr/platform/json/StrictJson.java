package org.openpbr.platform.json;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Reading JSON never guesses: Jackson's lenient defaults would silently turn {@code 2.5} minutes
 * into 2, {@code "3"} into a number, an enum's position into a value, keep the second of two
 * duplicate keys, or drop a misspelt field. For payment data every such guess is a wrong number,
 * so each is a 400 instead.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        apply(mapper);
    }

    /**
     * Last of all customizers: Quarkus registers the Java time module in a customizer of its own,
     * and the strict date deserializers must be registered after it to take precedence.
     */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }

    /** The same rules, for mappers outside CDI (tools, tests). */
    public static ObjectMapper apply(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS,
                DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.configure(JsonParser.Feature.STRICT_DUPLICATE_DETECTION, true);
        mapper.registerModule(StrictScalars.module());
        mapper.addHandler(new JsonFaults());
        for (LogicalType numeric : new LogicalType[] { LogicalType.Integer, LogicalType.Float, LogicalType.Boolean }) {
            mapper.coercionConfigFor(numeric).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        }
        // Boxed scalars are read by StrictScalars; primitives (rare: request records use boxed types) keep
        // Jackson's deserializers, so 1 must not become true there either.
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        return mapper;
    }
}
