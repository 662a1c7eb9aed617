/**
 * Starting a node and wiring it: {@link dev.rayo.runtime.node.NodeBootstrap} layers the configuration, creates
 * the actor system and joins the cluster; {@link dev.rayo.runtime.node.RayoNode} is the composition root that
 * builds every part in dependency order and connects them through their named seams. The only package that
 * imports all the others; it holds no runtime logic. {@code StartFailures} words what Akka throws when a node
 * can't start (its port in use) as one line an operator can act on.
 */
package dev.rayo.runtime.node;
