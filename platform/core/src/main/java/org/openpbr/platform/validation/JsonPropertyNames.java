package org.openpbr.platform.validation;

import java.lang.reflect.Field;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;

import org.hibernate.validator.spi.nodenameprovider.JavaBeanProperty;
import org.hibernate.validator.spi.nodenameprovider.Property;
import org.hibernate.validator.spi.nodenameprovider.PropertyNodeNameProvider;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Names violated fields as the JSON names them ({@code ratings.8}, not {@code ratings.s8}), so a
 * fault points at what the caller sent. Picked up by Quarkus's Hibernate Validator as a bean.
 */
@Singleton
public class JsonPropertyNames implements PropertyNodeNameProvider {

    private final Map<Field, String> names = new ConcurrentHashMap<>();

    @Override
    public String getName(Property property) {
        if (property instanceof JavaBeanProperty bean) {
            Field field = field(bean.getDeclaringClass(), property.getName());
            if (field != null) {
                return names.computeIfAbsent(field, JsonPropertyNames::jsonName);
            }
        }
        return property.getName();
    }

    private static Field field(Class<?> type, String name) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            try {
                return c.getDeclaredField(name);
            } catch (NoSuchFieldException e) {
                // look in the superclass
            }
        }
        return null;
    }

    private static String jsonName(Field field) {
        // On a record, @JsonProperty written on the component is carried to its private field.
        JsonProperty json = field.getAnnotation(JsonProperty.class);
        return json == null || json.value().isEmpty() ? field.getName() : json.value();
    }
}
