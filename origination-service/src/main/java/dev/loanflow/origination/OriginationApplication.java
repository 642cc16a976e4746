package dev.loanflow.origination;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class OriginationApplication {

    public static void main(String[] args) {
        SpringApplication.run(OriginationApplication.class, args);
    }
}
