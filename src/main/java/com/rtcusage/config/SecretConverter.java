package com.rtcusage.config;

import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.core.convert.converter.Converter;
import org.springframework.stereotype.Component;

/** Binds credential strings straight into {@link Secret}, so no plain copy lingers in properties objects. */
@Component
@ConfigurationPropertiesBinding
public class SecretConverter implements Converter<String, Secret> {
    @Override
    public Secret convert(String source) {
        return new Secret(source);
    }
}
