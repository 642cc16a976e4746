package dev.loanflow.stack;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.loanflow.infra.testdata.TestData;
import dev.loanflow.schemas.WaitingStatuses;

/**
 * Submits realistic applications to the running stack through the origination API and follows them to the end:
 * Turkish customers with valid identity numbers, carts of real-looking products, several banks and terms, and a mix
 * of outcomes (the simulator's scenarios pick approval, decline, rejection, cancellation and abandonment; some
 * approved loans are then refunded in part or in full, some applications cancelled by the merchant).
 */
final class Demo {

    static final String MERCHANT = "demo-shop";
    private static final String ORIGINATION = "http://localhost:8080";
    private static final Duration PATIENCE = Duration.ofMinutes(3);
    private static final List<String> FIRST_NAMES = List.of("Ayşe", "Mehmet", "Zeynep", "Mustafa", "Elif", "Ahmet",
            "Fatma", "Emre", "Merve", "Burak", "Selin", "Can", "Deniz", "Hakan", "Ece", "Oğuz");
    private static final List<String> LAST_NAMES = List.of("Yılmaz", "Kaya", "Demir", "Çelik", "Şahin", "Yıldız",
            "Aydın", "Öztürk", "Arslan", "Doğan", "Kılıç", "Aslan", "Koç", "Kurt", "Özdemir", "Polat");
    private static final List<Product> PRODUCTS = List.of(
            new Product("Akıllı telefon 256 GB", "ELECTRONICS", "32999.00"),
            new Product("Dizüstü bilgisayar 14\"", "COMPUTERS", "41500.00"),
            new Product("Bulaşık makinesi", "HOME_APPLIANCES", "18749.90"),
            new Product("55\" 4K televizyon", "ELECTRONICS", "27899.00"),
            new Product("Espresso makinesi", "SMALL_APPLIANCES", "8499.00"),
            new Product("Koşu bandı", "SPORTS", "15999.00"),
            new Product("Çamaşır makinesi", "HOME_APPLIANCES", "21349.00"),
            new Product("Kablosuz kulaklık", "ELECTRONICS", "4299.99"));
    private static final Map<String, List<Integer>> TERMS = Map.of(
            "AKTIFBANK", List.of(3, 6, 9, 12), "QNB", List.of(3, 6, 12, 24), "GARANTIBBVA", List.of(3, 6, 12));

    private record Product(String name, String category, String price) {
    }

    /** What the demo does with one application once submitted. */
    private enum Plan {
        APPROVE("67"), DECLINE("00"), REJECT("01"), CANCEL_AT_BANK("02"), ABANDON("03"), MERCHANT_CANCEL("67"),
        REFUND_PART("67"), REFUND_ALL("67");

        final String gsmSuffix;

        Plan(String gsmSuffix) {
            this.gsmSuffix = gsmSuffix;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final Random random = new Random();
    private final PrintStream out;
    private final Map<String, Plan> plans = new ConcurrentHashMap<>();
    private final Map<String, String> lastStatus = new ConcurrentHashMap<>();

    private final Supplier<String> tokens;

    /** {@code tokens} gives a current access token of the demo merchant's client. */
    Demo(PrintStream out, Supplier<String> tokens) {
        this.out = out;
        this.tokens = tokens;
    }

    void run(int applications) throws Exception {
        out.printf("%nDemo: %d applications from %s through the origination API%n", applications, MERCHANT);
        Instant started = Instant.now();
        ExecutorService submitters = Executors.newFixedThreadPool(8);
        for (int i = 0; i < applications; i++) {
            Plan plan = pick();
            submitters.submit(() -> submit(plan));
        }
        submitters.shutdown();
        Instant deadline = started.plus(PATIENCE);
        while (Instant.now().isBefore(deadline)) {
            followUp();
            long settled = lastStatus.keySet().stream().filter(this::isSettled).count();
            out.printf("\r  %s  %d/%d settled   ", summary(), settled, applications);
            out.flush();
            if (submitters.isTerminated() && settled == applications) {
                break;
            }
            TimeUnit.SECONDS.sleep(1);
        }
        out.printf("%n%nFinished in %.1f s%n%n", Duration.between(started, Instant.now()).toMillis() / 1000.0);
        out.printf("  %-22s %6s%n", "final state", "count");
        new TreeMap<>(countByStatus()).forEach((status, count) -> out.printf("  %-22s %6d%n", status, count));
        out.printf("  %-22s %6d%n%n", "total", lastStatus.size());
    }

    private Plan pick() {
        int roll = random.nextInt(100);
        return roll < 40 ? Plan.APPROVE : roll < 50 ? Plan.DECLINE : roll < 60 ? Plan.REJECT : roll < 65 ? Plan.CANCEL_AT_BANK
                : roll < 70 ? Plan.ABANDON : roll < 78 ? Plan.MERCHANT_CANCEL : roll < 90 ? Plan.REFUND_PART : Plan.REFUND_ALL;
    }

    private void submit(Plan plan) {
        try {
            JsonNode created = send("POST", "/applications", application(plan));
            String id = created.get("applicationId").asText();
            plans.put(id, plan);
            lastStatus.put(id, created.get("status").asText());
            if (plan == Plan.MERCHANT_CANCEL) {
                send("POST", "/applications/" + id + "/cancel", null);
            }
        } catch (Exception e) {
            out.printf("%n  submission failed: %s%n", e.getMessage());
        }
    }

    private void followUp() {
        for (Map.Entry<String, Plan> entry : plans.entrySet()) {
            String id = entry.getKey();
            String before = lastStatus.get(id);
            if (isSettled(id)) {
                continue;
            }
            try {
                JsonNode application = send("GET", "/applications/" + id, null);
                String status = application.get("status").asText();
                lastStatus.put(id, status);
                if ("APPROVED".equals(status) && !"APPROVED".equals(before)) {
                    refundIfPlanned(id, entry.getValue(), application.get("loanAmount").decimalValue());
                }
            } catch (Exception e) {
                // the next round asks again
            }
        }
    }

    private void refundIfPlanned(String id, Plan plan, BigDecimal loanAmount) throws Exception {
        if (plan == Plan.REFUND_PART || plan == Plan.REFUND_ALL) {
            BigDecimal amount = plan == Plan.REFUND_ALL ? loanAmount
                    : loanAmount.multiply(new BigDecimal("0.25")).setScale(2, RoundingMode.HALF_UP);
            send("POST", "/applications/" + id + "/refunds", Map.of("amount", amount));
        }
    }

    /** Done with: no longer waiting for the bank, and refunded if a refund was planned. */
    private boolean isSettled(String id) {
        String status = lastStatus.get(id);
        Plan plan = plans.get(id);
        boolean refundPlanned = plan == Plan.REFUND_PART || plan == Plan.REFUND_ALL;
        return status != null && !WaitingStatuses.isWaiting(status)
                && !(refundPlanned && "APPROVED".equals(status));
    }

    private Map<String, Long> countByStatus() {
        Map<String, Long> counts = new LinkedHashMap<>();
        lastStatus.values().forEach(status -> counts.merge(status, 1L, Long::sum));
        return counts;
    }

    private String summary() {
        List<String> parts = new ArrayList<>();
        new TreeMap<>(countByStatus()).forEach((status, count) -> parts.add(status + " " + count));
        return String.join(" | ", parts);
    }

    private Map<String, Object> application(Plan plan) {
        Product product = PRODUCTS.get(random.nextInt(PRODUCTS.size()));
        int quantity = random.nextInt(10) < 8 ? 1 : 2;
        BigDecimal unit = new BigDecimal(product.price());
        BigDecimal items = unit.multiply(BigDecimal.valueOf(quantity));
        BigDecimal shipping = random.nextBoolean() ? new BigDecimal("0.00") : new BigDecimal("149.90");
        String bank = List.of("AKTIFBANK", "QNB", "GARANTIBBVA").get(random.nextInt(3));
        List<Integer> terms = TERMS.get(bank);
        String first = FIRST_NAMES.get(random.nextInt(FIRST_NAMES.size()));
        String last = LAST_NAMES.get(random.nextInt(LAST_NAMES.size()));
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("productName", product.name());
        item.put("categoryCode", product.category());
        item.put("quantity", quantity);
        item.put("price", unit);
        item.put("totalPriceWithoutDiscounts", items);
        item.put("totalPrice", items);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("orderId", "DEMO-" + UUID.randomUUID().toString().substring(0, 13));
        body.put("bankCode", bank);
        body.put("term", terms.get(random.nextInt(terms.size())));
        body.put("timeToLive", Instant.now().plusSeconds(plan == Plan.ABANDON ? 20 : 3600).toString());
        body.put("callbackUrl", "https://merchant.example.com/loan-events");
        body.put("customer", Map.of("nationalIdentityNumber", TestData.nationalId(),
                "gsmNumber", "555" + String.format("%05d", random.nextInt(100_000)) + plan.gsmSuffix,
                "email", ascii(first) + "." + ascii(last) + "@example.com",
                "fullName", first + " " + last, "language", random.nextInt(10) < 8 ? "TR" : "EN"));
        body.put("cart", Map.of("price", Map.of("itemsPrice", items, "shippingPrice", shipping,
                "totalPrice", items.add(shipping)), "items", List.of(item)));
        return body;
    }

    private static String ascii(String name) {
        return name.toLowerCase().replace('ç', 'c').replace('ğ', 'g').replace('ı', 'i').replace('ö', 'o')
                .replace('ş', 's').replace('ü', 'u');
    }

    private JsonNode send(String method, String path, Object body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(ORIGINATION + path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + tokens.get())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 400) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body().isBlank() ? json.nullNode() : json.readTree(response.body());
    }
}
