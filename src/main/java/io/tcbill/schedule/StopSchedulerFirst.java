package io.tcbill.schedule;

import io.tcbill.storage.ObjectStorage;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.scheduling.quartz.SchedulerFactoryBean;
import org.springframework.stereotype.Component;

/**
 * On shutdown, Quartz (which waits for its running fires) stops before the object store those fires write to: without
 * this the context may close the embedded store first, and a scheduled pull that is still ending blames storage for
 * what was a stop. Spring destroys a bean before the beans it depends on.
 */
@Component
final class StopSchedulerFirst implements BeanFactoryPostProcessor {

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory factory) {
        String[] storage = factory.getBeanNamesForType(ObjectStorage.class, true, false);
        for (String name : factory.getBeanNamesForType(SchedulerFactoryBean.class, true, false)) {
            String definitionName = name.startsWith("&") ? name.substring(1) : name;
            if (!factory.containsBeanDefinition(definitionName)) {
                continue;
            }
            BeanDefinition definition = factory.getBeanDefinition(definitionName);
            Set<String> dependsOn = new LinkedHashSet<>();
            if (definition.getDependsOn() != null) {
                dependsOn.addAll(Arrays.asList(definition.getDependsOn()));
            }
            dependsOn.addAll(Arrays.asList(storage));
            definition.setDependsOn(dependsOn.toArray(String[]::new));
        }
    }
}
