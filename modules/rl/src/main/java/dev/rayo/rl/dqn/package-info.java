/**
 * DQN's moving parts: the epsilon-greedy sampling task env runners run, the fragments they return, the replay
 * buffer and the Q-learner (target network, double Q, Huber loss) in the driver.
 */
package dev.rayo.rl.dqn;
