package dev.rayo.samples.common;

import picocli.CommandLine.IVersionProvider;

/**
 * Answers {@code --version} for every sample from the jar's manifest, so the version is written
 * once (in the pom) and never goes stale in the code.
 */
public final class SamplesVersion implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = SamplesVersion.class.getPackage().getImplementationVersion();
        return new String[] {"Rayo samples " + (version != null ? version : "(development build)")};
    }
}
