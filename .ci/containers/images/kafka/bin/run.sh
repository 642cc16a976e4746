#!/bin/sh
# Configures the broker from KAFKA_* variables as the apache/kafka image does (KAFKA_NODE_ID=1 -> node.id=1),
# formats its storage on first start, then runs it.
set -e
CONFIG=/opt/kafka/config/server.properties
mkdir -p /opt/kafka/config /var/lib/kafka/data
echo "log.dirs=/var/lib/kafka/data" > "$CONFIG"
env | grep '^KAFKA_' | grep -v -e '^KAFKA_HEAP_OPTS=' -e '^KAFKA_OPTS=' | while IFS='=' read -r name value; do
  echo "$(echo "${name#KAFKA_}" | tr 'A-Z_' 'a-z.')=$value" >> "$CONFIG"
done
CLASSPATH='/opt/kafka/libs/*'
if [ ! -f /var/lib/kafka/data/meta.properties ]; then
  java -cp "$CLASSPATH" kafka.tools.StorageTool format -t "${CLUSTER_ID:-$(java -cp "$CLASSPATH" kafka.tools.StorageTool random-uuid)}" -c "$CONFIG"
fi
exec java ${KAFKA_HEAP_OPTS:--Xmx512m} $KAFKA_OPTS -cp "$CLASSPATH" kafka.Kafka "$CONFIG"
