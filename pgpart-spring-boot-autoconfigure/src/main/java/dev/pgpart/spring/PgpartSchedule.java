package dev.pgpart.spring;

import dev.pgpart.spec.ConfigException;
import dev.pgpart.spec.ConfigProblem;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.scheduling.support.CronTrigger;

/**
 * Runs maintain on {@code pgpart.schedule.cron}, on a thread of its own (one: runs of one instance
 * never overlap; other instances skip on the advisory lock). Needs no {@code @EnableScheduling}.
 */
public final class PgpartSchedule implements SmartLifecycle {
    private final PgpartMaintenance maintenance;
    private final CronTrigger trigger;
    private final String cron;
    private ThreadPoolTaskScheduler scheduler;
    private ScheduledFuture<?> future;

    public PgpartSchedule(PgpartMaintenance maintenance, String cron, String zone) {
        this.maintenance = maintenance;
        this.cron = cron;
        this.trigger = new CronTrigger(validCron(cron), zone(zone));
    }

    private static String validCron(String cron) {
        try {
            CronExpression.parse(cron);
            return cron;
        } catch (IllegalArgumentException e) {
            throw new ConfigException(List.of(new ConfigProblem("pgpart.schedule.cron", "'" + cron
                    + "' is not a cron expression: " + e.getMessage(), "write six fields, second minute hour day month"
                    + " weekday, e.g. '0 */15 * * * *' (every 15 minutes) or '0 0 3 * * *' (daily at 03:00); or remove it")));
        }
    }

    private static ZoneId zone(String zone) {
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new ConfigException(List.of(new ConfigProblem("pgpart.schedule.zone", "'" + zone
                    + "' is not a time zone: " + e.getMessage(), "write a region such as Europe/Paris, or UTC")));
        }
    }

    public String cron() {
        return cron;
    }

    @Override
    public synchronized void start() {
        scheduler = new ThreadPoolTaskScheduler();
        scheduler.setPoolSize(1);
        scheduler.setThreadNamePrefix("pgpart-schedule-");
        scheduler.setDaemon(true);
        scheduler.initialize();
        future = scheduler.schedule(() -> maintenance.run("schedule"), trigger);
    }

    @Override
    public synchronized void stop() {
        if (future != null) {
            future.cancel(false);
        }
        if (scheduler != null) {
            scheduler.shutdown();
        }
        future = null;
        scheduler = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
