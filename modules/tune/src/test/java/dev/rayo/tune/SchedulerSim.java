package dev.rayo.tune;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * A tiny stand-in for the tuner's control loop (slots, pending / running / paused trials, decisions), so the
 * schedulers' decisions can be checked over whole experiments. Every trial checkpoints at every report, so a
 * paused trial resumes where it stopped and an exploiting trial takes its donor's step and config.
 */
final class SchedulerSim {
    final TrialScheduler scheduler;
    final List<FakeTrial> trials = new ArrayList<>();
    final int slots;
    final int maxIterations;
    final BiFunction<FakeTrial, Integer, Double> objective;
    int pauses;
    int resumes;
    int exploits;
    int totalIterations;

    SchedulerSim(TrialScheduler scheduler, int slots, int maxIterations,
                 BiFunction<FakeTrial, Integer, Double> objective) {
        this.scheduler = scheduler;
        this.slots = slots;
        this.maxIterations = maxIterations;
        this.objective = objective;
    }

    FakeTrial add(Map<String, Object> config) {
        FakeTrial t = new FakeTrial(trials.size(), config);
        trials.add(t);
        scheduler.onTrialAdd(t);
        return t;
    }

    private List<TrialInfo> withStatus(String status) {
        List<TrialInfo> out = new ArrayList<>();
        trials.stream().filter(t -> t.status.equals(status)).forEach(out::add);
        return out;
    }

    /** Runs until nothing can run; trials left paused end as the tuner would end them (STOPPED). */
    void run() {
        List<FakeTrial> running = new ArrayList<>();
        while (true) {
            while (running.size() < slots) {
                TrialInfo next = scheduler.chooseTrialToRun(withStatus("PENDING"), withStatus("PAUSED"));
                if (next == null) {
                    break;
                }
                FakeTrial t = (FakeTrial) next;
                if (t.status.equals("PAUSED")) {
                    resumes++;
                }
                t.status = "RUNNING";
                running.add(t);
            }
            if (running.isEmpty()) {
                break;
            }
            for (FakeTrial t : new ArrayList<>(running)) {
                step(t, running);
            }
        }
        withStatus("PAUSED").forEach(t -> ((FakeTrial) t).status = "STOPPED");
    }

    private void step(FakeTrial t, List<FakeTrial> running) {
        t.iteration++;
        totalIterations++;
        t.checkpoint = true;
        Map<String, Object> result = t.report("training_iteration", t.iteration, "score",
                objective.apply(t, t.iteration));
        if (t.iteration >= maxIterations) {
            t.status = "TERMINATED";
            running.remove(t);
            scheduler.onTrialComplete(t, result);
            return;
        }
        SchedulerDecision decision = scheduler.onTrialResult(t, result);
        if (decision == SchedulerDecision.PAUSE) {
            pauses++;
            t.status = "PAUSED";
            running.remove(t);
        } else if (decision == SchedulerDecision.STOP) {
            t.status = "STOPPED";
            running.remove(t);
            scheduler.onTrialComplete(t, result);
        } else if (decision instanceof SchedulerDecision.Exploit exploit) {
            exploits++;
            FakeTrial donor = trials.stream().filter(d -> d.id.equals(exploit.donorTrialId())).findFirst()
                    .orElseThrow();
            t.iteration = donor.iteration;
            t.config = new java.util.HashMap<>(exploit.newConfig());
        }
    }
}
