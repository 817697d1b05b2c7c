package bench.minimal;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The whole application: Boot's auto-configuration for the starters in the pom, nothing else. */
@SpringBootApplication
public class MinimalApplication {

	public static void main(String[] args) {
		SpringApplication.run(MinimalApplication.class, args);
	}

}
