package dev.rayo.runtime.serialization;

import akka.actor.AbstractExtensionId;
import akka.actor.ExtendedActorSystem;
import akka.actor.Extension;
import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorRefResolver;
import akka.actor.typed.javadsl.Adapter;
import dev.rayo.runtime.config.RayoSettings;
import dev.rayo.runtime.ownership.RayoObjectRef;
import dev.rayo.runtime.ownership.ReferenceCounter;

import java.util.Set;
import java.util.function.Supplier;

/**
 * The Kryo pool of one actor system, shared by the runtime (user values) and by the Akka serializer
 * (Rayo's messages), so both apply the same allow-list.
 */
public final class RayoKryo implements Extension {
    /** The extension id. */
    public static final Id ID = new Id();
    private static final Set<String> AKKA_CLASSES = Set.of("akka.actor.typed.internal.adapter.ActorRefAdapter");

    private final KryoPool pool;
    private final CodePathClassLoader loader;

    private RayoKryo(ExtendedActorSystem system) {
        RayoSettings settings = RayoSettings.from(system.settings().config());
        ClassAllowList allowList = new ClassAllowList(settings.allowedPackages(),
                union(settings.allowedClasses(), AKKA_CLASSES), settings.codePath(), settings.trustClassFolders());
        ActorRefResolver resolver = ActorRefResolver.get(Adapter.toTyped(system));
        this.loader = new CodePathClassLoader(system.dynamicAccess().classLoader());
        settings.codePath().forEach(loader::add);
        // Refs read here are counted by the runtime of this actor system, found by its address once it exists.
        String selfAddress = system.provider().getDefaultAddress().toString();
        Supplier<ReferenceCounter> counter = () -> ReferenceCounter.forAddress(selfAddress);
        this.pool = new KryoPool(allowList, loader, java.util.Map.of(ReferenceCounter.KRYO_CONTEXT_KEY, counter), serializers -> {
            serializers.put(RayoObjectRef.class, new ObjectRefSerializer(counter));
            serializers.put(dev.rayo.runtime.wire.TaskArg.Ref.class, new TaskArgRefSerializer());
            serializers.put(ActorRef.class, new ActorRefSerializer(resolver));
        });
    }

    /** The pool of {@code system}. */
    public static KryoPool pool(akka.actor.ActorSystem system) {
        return ID.get(system).pool;
    }

    /** The loader of user code of {@code system}: classpath, code path and shipped jars. */
    public static CodePathClassLoader loader(akka.actor.ActorSystem system) {
        return ID.get(system).loader;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        java.util.HashSet<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return all;
    }

    /** Creates the extension once per actor system. */
    public static final class Id extends AbstractExtensionId<RayoKryo> {
        @Override
        public RayoKryo createExtension(ExtendedActorSystem system) {
            return new RayoKryo(system);
        }
    }
}
