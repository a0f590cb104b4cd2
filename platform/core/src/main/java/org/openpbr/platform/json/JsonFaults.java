package org.openpbr.platform.json;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.openpbr.platform.problem.FieldError;
import org.openpbr.platform.problem.ProblemException;
import org.openpbr.platform.problem.ProblemType;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;

/**
 * Reads a body to the end and collects every field that is the wrong type, an unknown name or a
 * refused value, so one 400 lists them all. Outside {@link #collecting} the handler stays out of
 * the way and Jackson stops at the first fault as usual.
 */
public final class JsonFaults extends DeserializationProblemHandler {

    private static final ThreadLocal<List<FieldError>> ACTIVE = new ThreadLocal<>();

    @FunctionalInterface
    public interface Read<T> {
        T read() throws IOException;
    }

    /** Runs a read with fault collection on; the faults are in {@code into} afterwards. */
    public static <T> T collecting(List<FieldError> into, Read<T> read) throws IOException {
        List<FieldError> before = ACTIVE.get();
        ACTIVE.set(into);
        try {
            return read.read();
        } finally {
            if (before == null) {
                ACTIVE.remove();
            } else {
                ACTIVE.set(before);
            }
        }
    }

    /**
     * While collecting, unknown fields were already found by {@link #unknownFields} on the tree
     * (Jackson buffers a record's unknown fields and replays them out of place, so their paths
     * cannot be told here); they are skipped.
     */
    @Override
    public boolean handleUnknownProperty(DeserializationContext ctxt, JsonParser p, JsonDeserializer<?> deserializer,
            Object beanOrClass, String propertyName) throws IOException {
        if (ACTIVE.get() == null) {
            return false;
        }
        p.skipChildren();
        return true;
    }

    /**
     * Reads a body as {@code type} the way every JSON request body is read (see
     * {@link StrictJsonReading}): a 400 listing every unknown field and every value of the wrong
     * kind, or a malformed-request problem for a body that is not JSON, is {@code null} or is of
     * the wrong kind as a whole. For resources that read a body themselves.
     */
    public static <T> T readAll(ObjectMapper mapper, byte[] body, Class<T> type) throws IOException {
        JavaType javaType = mapper.constructType(type);
        JsonNode tree = mapper.readTree(body);
        if (tree == null || tree.isNull() || tree.isMissingNode()) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST, "The request body must be a JSON object, not null");
        }
        List<FieldError> faults = new ArrayList<>(unknownFields(mapper, javaType, tree));
        T value = collecting(faults, () -> mapper.readValue(body, type));
        throwIfAny(faults);
        return value;
    }

    /** The problem for collected faults: malformed when the body as a whole is of the wrong kind, else every field. */
    static void throwIfAny(List<FieldError> faults) {
        for (FieldError fault : faults) {
            if (fault.field().isEmpty()) {
                throw new ProblemException(ProblemType.MALFORMED_REQUEST, "The request body " + fault.message());
            }
        }
        if (!faults.isEmpty()) {
            throw ProblemException.invalid(faults.stream().sorted(Comparator.comparing(FieldError::field)).toList());
        }
    }

    /** Every field of {@code tree} that {@code type} (records and beans, through lists and maps) does not have. */
    public static List<FieldError> unknownFields(ObjectMapper mapper, JavaType type, JsonNode tree) {
        List<FieldError> faults = new ArrayList<>();
        unknown(mapper.getDeserializationConfig(), type, tree, "", faults);
        return faults;
    }

    private static void unknown(DeserializationConfig config, JavaType type, JsonNode node, String at, List<FieldError> faults) {
        if (node == null || node.isNull() || type == null) {
            return;
        }
        if (node.isArray() && type.isContainerType() && !type.isMapLikeType()) {
            for (int i = 0; i < node.size(); i++) {
                unknown(config, type.getContentType(), node.get(i), at + "[" + i + "]", faults);
            }
            return;
        }
        if (!node.isObject()) {
            return;
        }
        if (type.isMapLikeType()) {
            node.properties().forEach(e -> unknown(config, type.getContentType(), e.getValue(),
                    (at.isEmpty() ? "" : at + ".") + e.getKey(), faults));
            return;
        }
        Class<?> raw = type.getRawClass();
        if (raw == Object.class || JsonNode.class.isAssignableFrom(raw) || raw.isPrimitive() || raw.getName().startsWith("java.")) {
            return;
        }
        BeanDescription bean = config.introspect(type);
        if (config.getAnnotationIntrospector().findPropertyIgnoralByName(config, bean.getClassInfo()).getIgnoreUnknown()) {
            return; // a tolerant reader (@JsonIgnoreProperties(ignoreUnknown = true)) on purpose
        }
        Map<String, JavaType> known = new TreeMap<>();
        for (BeanPropertyDefinition property : bean.findProperties()) {
            if (property.couldDeserialize()) {
                known.put(property.getName(), property.getPrimaryType());
            }
        }
        if (known.isEmpty()) {
            return;
        }
        node.properties().forEach(e -> {
            String field = (at.isEmpty() ? "" : at + ".") + e.getKey();
            JavaType propertyType = known.get(e.getKey());
            if (propertyType == null) {
                faults.add(new FieldError(field, "unknown field; expected one of: " + String.join(", ", known.keySet())));
            } else {
                unknown(config, propertyType, e.getValue(), field, faults);
            }
        });
    }

    @Override
    public Object handleUnexpectedToken(DeserializationContext ctxt, JavaType targetType, JsonToken t, JsonParser p,
            String failureMsg) throws IOException {
        List<FieldError> faults = ACTIVE.get();
        if (faults == null) {
            return NOT_HANDLED;
        }
        // A value that opens an array or object has already entered it: its path is its parent's.
        JsonStreamContext at = (t == JsonToken.START_ARRAY || t == JsonToken.START_OBJECT) && p.getParsingContext().getParent() != null
                ? p.getParsingContext().getParent() : p.getParsingContext();
        faults.add(new FieldError(path(at),
                t == JsonToken.VALUE_NULL ? "must not be null" : "must be " + Kinds.describe(targetType.getRawClass())));
        p.skipChildren();
        return null;
    }

    @Override
    public Object handleWeirdStringValue(DeserializationContext ctxt, Class<?> targetType, String valueToConvert,
            String failureMsg) throws IOException {
        List<FieldError> faults = ACTIVE.get();
        if (faults == null) {
            return NOT_HANDLED;
        }
        String message = targetType.isEnum() ? "'" + valueToConvert + "' is not " + Kinds.describe(targetType)
                : failureMsg != null && failureMsg.startsWith("must ") ? failureMsg
                : "'" + valueToConvert + "' is not " + Kinds.describe(targetType);
        faults.add(new FieldError(path(ctxt.getParser().getParsingContext()), message));
        return null;
    }

    @Override
    public Object handleWeirdNumberValue(DeserializationContext ctxt, Class<?> targetType, Number valueToConvert,
            String failureMsg) throws IOException {
        List<FieldError> faults = ACTIVE.get();
        if (faults == null) {
            return NOT_HANDLED;
        }
        String message = failureMsg != null && failureMsg.startsWith("is ") ? failureMsg
                : "must be " + Kinds.describe(targetType);
        faults.add(new FieldError(path(ctxt.getParser().getParsingContext()), message));
        return null;
    }

    /** The JSON path of the value the parser is at, e.g. {@code ratings[3].score}. */
    public static String path(JsonStreamContext context) {
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext at = context; at != null && !at.inRoot(); at = at.getParent()) {
            if (at.inObject() && at.getCurrentName() != null) {
                parts.push(at.getCurrentName());
            } else if (at.inArray()) {
                parts.push("[" + Math.max(at.getCurrentIndex(), 0) + "]");
            }
        }
        StringBuilder path = new StringBuilder();
        for (String part : parts) {
            if (path.length() > 0 && !part.startsWith("[")) {
                path.append('.');
            }
            path.append(part);
        }
        return path.toString();
    }
}
