// Apache ECharts (its WebJar, loaded the first time a screen draws a chart).

const { ref, watch, onMounted, onUnmounted } = Vue;

let loading = null;

export function loadECharts() {
  if (window.echarts) return Promise.resolve(window.echarts);
  if (!loading) {
    loading = new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = document.querySelector('meta[name="anchang-echarts"]').content;
      script.onload = () => resolve(window.echarts);
      script.onerror = () => { loading = null; reject(new Error('ECharts could not be loaded')); };
      document.head.append(script);
    });
  }
  return loading;
}

export const Chart = {
  name: 'EChart',
  props: { option: { type: Object, required: true }, label: { type: String, default: '' } },
  setup(props) {
    const el = ref(null);
    let chart = null;
    let observer = null;
    onMounted(async () => {
      const echarts = await loadECharts();
      if (!el.value) return;
      chart = echarts.init(el.value, null, { renderer: 'svg' });
      chart.setOption(props.option);
      observer = new ResizeObserver(() => chart && chart.resize());
      observer.observe(el.value);
    });
    watch(() => props.option, (option) => chart && chart.setOption(option, true), { deep: true });
    onUnmounted(() => {
      observer?.disconnect();
      chart?.dispose();
      chart = null;
    });
    return { el };
  },
  template: '<div ref="el" class="chart" role="img" :aria-label="label" data-test="chart"></div>',
};
