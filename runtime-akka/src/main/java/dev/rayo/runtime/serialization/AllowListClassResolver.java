package dev.rayo.runtime.serialization;

import com.esotericsoftware.kryo.Registration;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.util.DefaultClassResolver;

/**
 * Kryo's class resolver with the allow-list applied: a class named in incoming bytes is loaded without
 * initialisation and refused before Kryo can instantiate it; a class written by name must be sendable.
 */
final class AllowListClassResolver extends DefaultClassResolver {
    private final ClassAllowList allowList;

    AllowListClassResolver(ClassAllowList allowList) {
        this.allowList = allowList;
    }

    @Override
    protected Registration readName(Input input) {
        Registration registration = super.readName(input);
        if (registration != null) {
            allowList.checkReadable(registration.getType());
        }
        return registration;
    }

    @Override
    protected void writeName(Output output, Class type, Registration registration) {
        allowList.checkWritable(type);
        super.writeName(output, type, registration);
    }
}
