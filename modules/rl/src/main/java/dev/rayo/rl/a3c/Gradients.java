package dev.rayo.rl.a3c;

import java.io.Serializable;

/**
 * What an A3C env runner sends back: the gradients of its fragment's loss for the policy and the value network
 * (computed with the weights it was sent), and what it sampled to get them.
 *
 * @param policyGrad     dLoss/dPolicyParams
 * @param valueGrad      dLoss/dValueParams
 * @param steps          environment steps in the fragment
 * @param episodeReturns returns of the episodes that finished in it
 */
public record Gradients(double[] policyGrad, double[] valueGrad, int steps, double[] episodeReturns)
        implements Serializable {
}
