package io.tcbill;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The Spring context behind the commands that need one (run, backfill, schedule); the CLI starts it. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TcbillApplication {
}
