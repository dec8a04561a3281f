package io.tcbill.job;

import io.tcbill.feed.FeedCatalog;
import io.tcbill.load.MonthLoader;
import io.tcbill.partner.ApiProperties;
import io.tcbill.partner.JsonFeeds;
import io.tcbill.partner.PartnerClient;
import io.tcbill.poll.ReadyPoller;
import io.tcbill.transfer.RawArchiver;
import java.util.Map;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

/** The monthly bills job for one month and feed: archive every file (one partition each), then load and publish. */
@Configuration(proxyBeanMethods = false)
class MonthlyBillsJobConfiguration {

    static final String JOB_NAME = "monthlyBillsJob";

    @Bean
    @StepScope
    Partitioner filePartitioner(@Value("#{jobParameters}") Map<String, Object> jobParameters, FeedCatalog feeds,
                                PartnerClient client, ApiProperties api, JobProperties job, MonthLoader loader) {
        JobParametersBuilder builder = new JobParametersBuilder();
        jobParameters.forEach((name, value) -> {
            if (value instanceof Long number) {
                builder.addLong(name, number);
            } else {
                builder.addString(name, String.valueOf(value));
            }
        });
        JobParameters parameters = builder.toJobParameters();
        return new FilePartitioner(BillJobParameters.from(parameters), feeds, client, api, job, loader);
    }

    @Bean
    Step archiveFile(JobRepository jobRepository, FeedCatalog feeds, PartnerClient client, JsonFeeds jsonFeeds,
                     ReadyPoller poller, RawArchiver archiver) {
        // no database work inside: a resourceless transaction keeps the pool free while a partition waits or downloads
        return new StepBuilder("archiveFile", jobRepository)
                .tasklet(new ArchiveFileTasklet(feeds, client, jsonFeeds, poller, archiver), new ResourcelessTransactionManager())
                .build();
    }

    @Bean
    Step archiveFiles(JobRepository jobRepository, Step archiveFile, Partitioner filePartitioner, JobProperties properties) {
        SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("archive-");
        executor.setConcurrencyLimit(properties.concurrency());
        return new StepBuilder("archiveFiles", jobRepository)
                .partitioner("archiveFile", filePartitioner)
                .step(archiveFile)
                .gridSize(properties.concurrency())
                .taskExecutor(executor)
                .build();
    }

    @Bean
    Step loadTables(JobRepository jobRepository, FeedCatalog feeds, RawArchiver archiver, MonthLoader loader) {
        // runs again on every restart: it loads all files archived by any execution of the month, idempotently
        return new StepBuilder("loadTables", jobRepository)
                .tasklet(new LoadTablesTasklet(feeds, jobRepository, archiver, loader), new ResourcelessTransactionManager())
                .allowStartIfComplete(true)
                .build();
    }

    /**
     * archiveFiles, then loadTables whatever happened (so one customer's failure does not hold back the others), then
     * FAILED if any file is missing, naming it; a restart fetches only the missing files and loads the month again.
     */
    @Bean
    Job monthlyBillsJob(JobRepository jobRepository, Step archiveFiles, Step loadTables) {
        ArchiveOutcomeDecider archiveOutcome = new ArchiveOutcomeDecider();
        return new JobBuilder(JOB_NAME, jobRepository)
                .start(archiveFiles).on("*").to(loadTables)
                .from(loadTables).on("FAILED").fail()
                .from(loadTables).on("*").to(archiveOutcome)
                .from(archiveOutcome).on(ArchiveOutcomeDecider.SOME_FILES_MISSING).fail()
                .from(archiveOutcome).on("*").end()
                .end()
                .build();
    }
}
