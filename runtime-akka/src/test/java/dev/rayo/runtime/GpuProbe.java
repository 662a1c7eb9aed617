package dev.rayo.runtime;

import dev.rayo.api.Rayo;

import java.util.List;

/** An actor that reports the GPU ids it was given, in its constructor and in each call. */
public class GpuProbe {
    private final List<Integer> atCreation;

    public GpuProbe() {
        atCreation = Rayo.getGpuIds();
    }

    public List<Integer> gpus() {
        return Rayo.getGpuIds();
    }

    public List<Integer> gpusAtCreation() {
        return atCreation;
    }
}
