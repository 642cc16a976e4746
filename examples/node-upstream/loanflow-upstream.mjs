// An upstream system in Node.js, with stock Confluent clients only (kafkajs, @kafkajs/confluent-schema-registry):
// authenticated as its own Kafka principal (SCRAM-SHA-512), it publishes one ApplicationSubmitted on its own topic,
// loan.applications.submitted.v1.<publisher>, then follows the application on the compacted status topic (every
// change, no personal data) until it reaches the status asked for. It prints one JSON line per record it reads and a
// summary line last.
//
//   npm ci && node loanflow-upstream.mjs --brokers 127.0.0.1:9092 --publisher checkout --password <its password> \
//     --registry http://localhost:8081/apis/ccompat/v7 --merchant demo-shop \
//     --national-id 10000000146 --gsm 5551234567 --until APPROVED
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';

const STATUS = 'loan.applications.status.v1';
// Confluent's RecordNameStrategy: the subject is the record's full name
const SUBJECT = 'dev.loanflow.events.ApplicationSubmitted';

const options = Object.fromEntries(process.argv.slice(2).reduce((pairs, word, index, words) =>
    word.startsWith('--') ? [...pairs, [word.slice(2), words[index + 1]]] : pairs, []));
for (const required of ['brokers', 'publisher', 'password', 'registry', 'merchant', 'national-id', 'gsm']) {
    if (!options[required]) {
        console.error(`missing --${required}`);
        process.exit(2);
    }
}
const SUBMITTED = `loan.applications.submitted.v1.${options.publisher}`;
const until = options.until ?? 'APPROVED';
const timeoutMillis = Number(options['timeout-seconds'] ?? 120) * 1000;

/** Avro decimal: the unscaled value, two's complement, big-endian. */
function decimal(text, scale) {
    const [whole, fraction = ''] = text.split('.');
    let unscaled = BigInt(whole + fraction.padEnd(scale, '0').slice(0, scale));
    const bytes = [];
    do {
        bytes.unshift(Number(unscaled & 0xffn));
        unscaled >>= 8n;
    } while (unscaled !== 0n && unscaled !== -1n);
    if ((bytes[0] & 0x80) !== 0) {
        bytes.unshift(0);
    }
    return Buffer.from(bytes);
}

function submission(applicationId, eventId) {
    const now = Date.now();
    const price = decimal('20000.00', 2);
    return {
        metadata: {
            eventId, applicationId, merchantId: options.merchant, occurredAt: now, correlationId: eventId,
            causationId: null,
        },
        orderId: `ORDER-${applicationId}`,
        orderDate: now,
        bankCode: 'AKTIFBANK',
        term: 6,
        timeToLive: now + 3600_000,
        callbackUrl: 'https://shop.example.com/loan-events',
        customer: {
            nationalIdentityNumber: options['national-id'], gsmNumber: options.gsm, email: 'musteri@example.com',
            fullName: 'Zeynep Demir', language: 'TR',
        },
        cart: {
            price: { itemsPrice: price, shippingPrice: decimal('100.00', 2), totalPrice: decimal('20100.00', 2) },
            items: [{
                productName: 'Telefon', categoryCode: 'ELECTRONICS', quantity: 1, price,
                totalPriceWithoutDiscounts: price, totalPrice: price, sellerExternalId: 'SELLER-001',
                commissionRate: decimal('1.0000', 4), commissionAmount: null, withholdingTax: null, marketplaceCost: null,
            }],
        },
    };
}

const kafka = new Kafka({
    clientId: 'loanflow-node-upstream', brokers: options.brokers.split(','), logLevel: logLevel.WARN,
    sasl: { mechanism: 'scram-sha-512', username: options.publisher, password: options.password },
});
const registry = new SchemaRegistry({ host: options.registry });
const applicationId = options['application-id'] ?? randomUUID();

const producer = kafka.producer();
await producer.connect();
const schemaId = await registry.getLatestSchemaId(SUBJECT);
await producer.send({
    topic: SUBMITTED,
    messages: [{ key: applicationId, value: await registry.encode(schemaId, submission(applicationId, randomUUID())) }],
});
await producer.disconnect();
console.log(JSON.stringify({ published: SUBMITTED, applicationId, subject: SUBJECT, schemaId }));

const lifecycle = [];
let latest = null;
// a publisher may read in consumer groups named after it only
const consumer = kafka.consumer({ groupId: `${options.publisher}-node-upstream-${randomUUID()}` });
await consumer.connect();
await consumer.subscribe({ topics: [STATUS], fromBeginning: true });
const reached = new Promise((resolve) => {
    consumer.run({
        eachMessage: async ({ topic, message }) => {
            if (message.key?.toString() !== applicationId) {
                return;
            }
            const change = await registry.decode(message.value);
            console.log(JSON.stringify({ topic, status: change.status, trigger: change.trigger,
                customer: change.customer === null ? null : 'sealed' }));
            lifecycle.push(change.status);
            latest = change;
            if (latest.status === until) {
                resolve(true);
            }
        },
    });
});
const timedOut = new Promise((resolve) => setTimeout(() => resolve(false), timeoutMillis));
const ok = await Promise.race([reached, timedOut]);
await consumer.disconnect();
console.log(JSON.stringify({ applicationId, lifecycle, status: latest?.status ?? null,
    statusCarriesCustomer: latest === null ? null : latest.customer !== null }));
process.exit(ok ? 0 : 1);
