package io.tcbill.job;

import io.tcbill.feed.FeedCatalog;
import io.tcbill.load.MonthLoader;
import io.tcbill.partner.ApiProperties;
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
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

/** The monthly bills job for one month and feed: archive every file (one partition each), then load and publish. */
@Configuration(proxyBeanMethods = false)
class MonthlyBillsJobConfiguration {

    static final String JOB_NAME = "monthlyBillsJob";

    @Bean
    @StepScope
    Partitioner filePartitioner(@Value("#{jobParameters}") Map<String, Object> jobParameters, FeedCatalog feeds,
                                    PartnerClient client, ApiProperties api) {
        JobParametersBuilder builder = new JobParametersBuilder();
        jobParameters.forEach((name, value) -> {
            if (value instanceof Long number) {
                builder.addLong(name, number);
            } else {
                builder.addString(name, String.valueOf(value));
            }
        });
        JobParameters parameters = builder.toJobParameters();
        return new FilePartitioner(BillJobParameters.from(parameters), feeds, client, api);
    }

    @Bean
    Step archiveFile(JobRepository jobRepository, PlatformTransactionManager transactionManager, FeedCatalog feeds,
                     PartnerClient client, ReadyPoller poller, RawArchiver archiver) {
        return new StepBuilder("archiveFile", jobRepository)
                .tasklet(new ArchiveFileTasklet(feeds, client, poller, archiver), transactionManager)
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
    Step loadTables(JobRepository jobRepository, PlatformTransactionManager transactionManager, FeedCatalog feeds,
                    RawArchiver archiver, MonthLoader loader) {
        return new StepBuilder("loadTables", jobRepository)
                .tasklet(new LoadTablesTasklet(feeds, jobRepository, archiver, loader), transactionManager)
                .build();
    }

    @Bean
    Job monthlyBillsJob(JobRepository jobRepository, Step archiveFiles, Step loadTables) {
        return new JobBuilder(JOB_NAME, jobRepository)
                .start(archiveFiles)
                .next(loadTables)
                .build();
    }
}
