package dev.rayo.runtime.task;

import dev.rayo.api.function.RayoFunc0;
import dev.rayo.api.function.RayoFunc1;
import dev.rayo.api.function.RayoFunc2;
import dev.rayo.api.function.RayoFunc3;
import dev.rayo.api.function.RayoFunc4;
import dev.rayo.api.function.RayoFunc5;
import dev.rayo.api.function.RayoFunc6;
import dev.rayo.api.function.RayoFuncVoid0;
import dev.rayo.api.function.RayoFuncVoid1;
import dev.rayo.api.function.RayoFuncVoid2;
import dev.rayo.api.function.RayoFuncVoid3;
import dev.rayo.api.function.RayoFuncVoid4;
import dev.rayo.api.function.RayoFuncVoid5;
import dev.rayo.api.function.RayoFuncVoid6;

/** Calls a {@code RayoFunc*} / {@code RayoFuncVoid*} with an argument array; void functions return null. */
public final class FunctionInvoker {
    private FunctionInvoker() {
    }

    /** Applies {@code fn} to {@code a}; the array's length must match the function's arity. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static Object invoke(Object fn, Object[] a) throws Exception {
        if (fn instanceof RayoFunc0 f) {
            return f.apply();
        } else if (fn instanceof RayoFunc1 f) {
            return f.apply(a[0]);
        } else if (fn instanceof RayoFunc2 f) {
            return f.apply(a[0], a[1]);
        } else if (fn instanceof RayoFunc3 f) {
            return f.apply(a[0], a[1], a[2]);
        } else if (fn instanceof RayoFunc4 f) {
            return f.apply(a[0], a[1], a[2], a[3]);
        } else if (fn instanceof RayoFunc5 f) {
            return f.apply(a[0], a[1], a[2], a[3], a[4]);
        } else if (fn instanceof RayoFunc6 f) {
            return f.apply(a[0], a[1], a[2], a[3], a[4], a[5]);
        } else if (fn instanceof RayoFuncVoid0 f) {
            f.apply();
        } else if (fn instanceof RayoFuncVoid1 f) {
            f.apply(a[0]);
        } else if (fn instanceof RayoFuncVoid2 f) {
            f.apply(a[0], a[1]);
        } else if (fn instanceof RayoFuncVoid3 f) {
            f.apply(a[0], a[1], a[2]);
        } else if (fn instanceof RayoFuncVoid4 f) {
            f.apply(a[0], a[1], a[2], a[3]);
        } else if (fn instanceof RayoFuncVoid5 f) {
            f.apply(a[0], a[1], a[2], a[3], a[4]);
        } else if (fn instanceof RayoFuncVoid6 f) {
            f.apply(a[0], a[1], a[2], a[3], a[4], a[5]);
        } else {
            throw new IllegalArgumentException("not a Rayo function: " + fn.getClass().getName());
        }
        return null;
    }

    /** Prepends the actor instance to the call's arguments. */
    public static Object[] withReceiver(Object receiver, Object[] args) {
        Object[] all = new Object[args.length + 1];
        all[0] = receiver;
        System.arraycopy(args, 0, all, 1, args.length);
        return all;
    }
}
