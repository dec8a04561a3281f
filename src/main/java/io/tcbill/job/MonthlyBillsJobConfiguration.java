package io.tcbill.job;

import io.tcbill.feed.FeedCatalog;
import io.tcbill.lake.LakeMirror;
import io.tcbill.load.MonthLoader;
import io.tcbill.partner.ApiProperties;
import io.tcbill.partner.CustomerType;
import io.tcbill.partner.CustomerTypesProperties;
import io.tcbill.partner.PartnerClient;
import io.tcbill.run.LocalExecutions;
import io.tcbill.run.ProgressListeners;
import io.tcbill.run.RunLogContext;
import io.tcbill.run.RunMetrics;
import io.tcbill.transfer.FeedArchiver;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

/**
 * The monthly bills job for one month and feed: list the month's customers, archive every file (one partition each),
 * load and publish, mirror to the lake, check that every file loaded and arrived, then reconcile the month when the
 * feed is one of its sides.
 */
@Configuration(proxyBeanMethods = false)
class MonthlyBillsJobConfiguration {

    @Bean
    Step listCustomers(JobRepository jobRepository, FeedCatalog feeds, PartnerClient client, ApiProperties api,
                       CustomerTypesProperties customerTypes, JobProperties job, MonthLoader loader, LakeMirror lake) {
        // runs again on every restart, as the archive step's partitioner listed again on every execution before
        return new StepBuilder(MonthlyBillsJob.LIST_CUSTOMERS, jobRepository)
                .tasklet(new ListCustomersTasklet(feeds, client, api, customerTypes, job, loader, lake), new ResourcelessTransactionManager())
                .allowStartIfComplete(true)
                .build();
    }

    @Bean
    @StepScope
    Partitioner filePartitioner(@Value("#{stepExecution}") StepExecution stepExecution, FeedCatalog feeds,
                                ApiProperties api, JobProperties job, JobRepository jobRepository,
                                ProgressListeners progress, MonthLoader loader) {
        Set<String> archived = ArchivedFiles.of(jobRepository, stepExecution.getJobExecution()).keySet();
        BillJobParameters parameters = BillJobParameters.from(stepExecution.getJobParameters());
        ExecutionContext jobContext = stepExecution.getJobExecution().getExecutionContext();
        List<Long> listed = ListCustomersTasklet.listed(jobContext);
        // a run of named customers asks with the types the month's last listing recorded
        Map<Long, CustomerType> types = listed != null ? ListCustomersTasklet.listedTypes(jobContext)
                : parameters.wholeMonth() ? Map.of() : publishedTypes(loader, parameters);
        return new FilePartitioner(parameters, feeds, api, job, listed, types, Set.copyOf(archived),
                progress.of(parameters.billMonth(), parameters.feed()));
    }

    @Bean
    Step archiveFile(JobRepository jobRepository, FeedCatalog feeds, FeedArchiver archiver, LocalExecutions localExecutions,
                     ProgressListeners progress, EagerStaging staging) {
        // no database work inside: a resourceless transaction keeps the pool free while a partition waits or downloads;
        // a file archived before runs again only when the partitioner asks for it (its object failed to load)
        return new StepBuilder(MonthlyBillsJob.ARCHIVE_FILE, jobRepository)
                .tasklet(new ArchiveFileTasklet(feeds, archiver, localExecutions, progress, staging),
                        new ResourcelessTransactionManager())
                .allowStartIfComplete(true)
                .build();
    }

    @Bean
    Step archiveFiles(JobRepository jobRepository, Step archiveFile, Partitioner filePartitioner, JobProperties properties,
                      RunLogContext runLogContext) {
        SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("archive-");
        executor.setConcurrencyLimit(properties.concurrency());
        executor.setTaskDecorator(runLogContext); // the workers log with the run id of the job that started them
        return new StepBuilder(MonthlyBillsJob.ARCHIVE_FILES, jobRepository)
                .partitioner(MonthlyBillsJob.ARCHIVE_FILE, filePartitioner)
                .step(archiveFile)
                .gridSize(properties.concurrency())
                .taskExecutor(executor)
                .aggregator(new PartialArchiveAggregator())
                .allowStartIfComplete(true)
                .build();
    }

    @Bean
    Step loadTables(JobRepository jobRepository, FeedCatalog feeds, EagerStaging load, ProgressListeners progress,
                    RunMetrics metrics, MonthReconciler reconciler) {
        // runs again on every restart: it loads all files archived by any execution of the month, idempotently
        return new StepBuilder(MonthlyBillsJob.LOAD_TABLES, jobRepository)
                .tasklet(new LoadTablesTasklet(feeds, jobRepository, load, progress, metrics, reconciler),
                        new ResourcelessTransactionManager())
                .allowStartIfComplete(true)
                .build();
    }

    @Bean
    Step mirrorToLake(JobRepository jobRepository, FeedCatalog feeds, LakeMirror lake, MonthReconciler reconciler) {
        return new StepBuilder(MonthlyBillsJob.MIRROR_TO_LAKE, jobRepository)
                .tasklet(new MirrorToLakeTasklet(feeds, lake, reconciler), new ResourcelessTransactionManager())
                .allowStartIfComplete(true)
                .build();
    }

    @Bean
    Step checkLoaded(JobRepository jobRepository) {
        return new StepBuilder(MonthlyBillsJob.CHECK_LOADED, jobRepository)
                .tasklet(new CheckLoadedTasklet(), new ResourcelessTransactionManager())
                .allowStartIfComplete(true)
                .build();
    }

    @Bean
    Step checkArchived(JobRepository jobRepository) {
        return new StepBuilder(MonthlyBillsJob.CHECK_ARCHIVED, jobRepository)
                .tasklet(new CheckArchivedTasklet(), new ResourcelessTransactionManager())
                .allowStartIfComplete(true)
                .build();
    }

    @Bean
    Step reconcile(JobRepository jobRepository, MonthReconciler reconciler, RunMetrics metrics, LakeMirror lake) {
        // runs again on every restart, after the month is complete: a completed run always leaves a current result
        return new StepBuilder(MonthlyBillsJob.RECONCILE, jobRepository)
                .tasklet(new ReconcileTasklet(reconciler, metrics, lake), new ResourcelessTransactionManager())
                .allowStartIfComplete(true)
                .build();
    }

    /**
     * Every step runs again on a restart: the customers are listed anew, the archive step fetches only the files no
     * execution has archived yet, the load step loads them all and the lake mirrors what it published, then the checks
     * fail the job while any file did not load or is missing, naming it; an l3 or summaries run
     * of a reseller then reconciles the month (the other feeds' reconcile step does nothing). The listener records
     * this process as the execution's owner, so that a run left behind by a killed process is recognised and resumed;
     * the others put the run id into the logs and record the run's figures.
     */
    @Bean
    Job monthlyBillsJob(JobRepository jobRepository, Step listCustomers, Step archiveFiles, Step loadTables,
                        Step mirrorToLake, Step checkLoaded, Step checkArchived, Step reconcile,
                        LocalExecutions localExecutions, RunLogContext runLogContext, RunMetrics runMetrics,
                        EagerStaging staging) {
        return new JobBuilder(MonthlyBillsJob.NAME, jobRepository)
                .listener(localExecutions)
                .listener(staging)
                .listener(runLogContext)
                .listener(runMetrics)
                .start(listCustomers)
                .next(archiveFiles)
                .next(loadTables)
                .next(mirrorToLake)
                .next(checkLoaded)
                .next(checkArchived)
                .next(reconcile)
                .build();
    }

    private static Map<Long, CustomerType> publishedTypes(MonthLoader loader, BillJobParameters parameters) {
        Map<Long, CustomerType> types = new HashMap<>();
        loader.publishedCustomerTypes(parameters.billMonth())
                .forEach((uin, type) -> types.put(uin, CustomerType.of(type, "customer_month.customer_type")));
        return types;
    }
}
