import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { CHANGE_REQUEST_STATUS_LABELS } from '@ykt/shared';

export default function Login() {
  return (
    <View>
      <Text>{CHANGE_REQUEST_STATUS_LABELS.pending}</Text>
      <Button type="primary">开始</Button>
    </View>
  );
}
